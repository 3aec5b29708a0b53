import type { PathStep } from './path-summary';
import { StatusDot } from './StatusDot';

export function PathSummary({ steps }: { steps: PathStep[] }) {
  return (
    <ol className="path" aria-label="Meter to cloud path">
      {steps.map((step) => (
        <li key={step.id} className={`path-step ${step.tone}`} data-step={step.id} data-tone={step.tone}>
          <StatusDot tone={step.tone} />
          <span className="path-title">{step.title}</span>
          <span className="path-text">{step.text}</span>
        </li>
      ))}
    </ol>
  );
}
