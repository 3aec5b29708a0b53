import type { ThemeChoice } from './theme';

const CHOICES: Array<{ value: ThemeChoice; label: string }> = [
  { value: 'system', label: 'Auto' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

export function ThemeToggle({
  choice,
  onChange,
}: {
  choice: ThemeChoice;
  onChange(choice: ThemeChoice): void;
}) {
  return (
    <div className="segmented" role="radiogroup" aria-label="Theme">
      {CHOICES.map((c) => (
        <button
          key={c.value}
          type="button"
          role="radio"
          aria-checked={choice === c.value}
          title={c.value === 'system' ? 'Follow the system setting' : `${c.label} theme`}
          onClick={() => onChange(c.value)}
        >
          {c.label}
        </button>
      ))}
    </div>
  );
}
