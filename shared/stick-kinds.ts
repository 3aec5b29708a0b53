// The wM-Bus USB sticks the app drives, as the UI, the CLI and the core name them.

export const STICK_KINDS = ['im871a', 'iu891a'] as const;
export type StickKind = (typeof STICK_KINDS)[number];
/** What `--stick` and a Start may ask for: one kind, or find out from USB ids and probing. */
export type StickChoice = StickKind | 'auto';

const STICK_NAMES: Record<StickKind, string> = { im871a: 'iM871A', iu891a: 'iU891A' };

/** "iM871A", "iU891A": the family as installers read it on the stick. */
export function stickName(kind: StickKind): string {
  return STICK_NAMES[kind];
}

export function isStickKind(text: string): text is StickKind {
  return (STICK_KINDS as readonly string[]).includes(text);
}

export function parseStickChoice(text: string): StickChoice | null {
  const lower = text.trim().toLowerCase();
  return lower === 'auto' || isStickKind(lower) ? (lower as StickChoice) : null;
}
