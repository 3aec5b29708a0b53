import type { SettingsProblem } from '../../shared/settings';

/** `file:line key: message`, the form editors and terminals make clickable. */
export function describeProblem(p: SettingsProblem): string {
  const where = `${p.file}${p.line !== null ? `:${p.line}` : ''}`;
  return `${p.severity === 'error' ? 'error' : 'warning'}: ${where}${p.key ? ` ${p.key}` : ''}: ${p.message}`;
}
