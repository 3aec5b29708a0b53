import type { SecretChange } from '../../../shared/profile-form';

/**
 * A password or key passphrase: the form only knows whether one is stored, never its value.
 * It can be kept, replaced by a typed one, or cleared.
 */
export function SecretField({
  id,
  label,
  stored,
  change,
  onChange,
}: {
  id: string;
  label: string;
  stored: boolean;
  change: SecretChange;
  onChange: (change: SecretChange) => void;
}) {
  const typing = change.action === 'replace' || !stored;
  return (
    <div className="secret-field" data-secret={id}>
      <span
        className={`secret-state ${stored ? 'set' : 'unset'}`}
        data-secret-state={stored ? 'set' : 'not set'}
      >
        {change.action === 'clear' ? 'set — will be cleared' : stored ? 'set' : 'not set'}
      </span>
      {typing && change.action !== 'clear' && (
        <input
          id={id}
          type="password"
          autoComplete="new-password"
          aria-label={stored ? `New ${label.toLowerCase()}` : label}
          placeholder={stored ? `New ${label.toLowerCase()}` : `No ${label.toLowerCase()}`}
          value={change.action === 'replace' ? change.value : ''}
          onChange={(e) => onChange({ action: 'replace', value: e.target.value })}
        />
      )}
      {stored && change.action === 'keep' && (
        <>
          <button type="button" className="quiet" onClick={() => onChange({ action: 'replace', value: '' })}>
            Replace
          </button>
          <button type="button" className="quiet" onClick={() => onChange({ action: 'clear' })}>
            Clear
          </button>
        </>
      )}
      {stored && change.action !== 'keep' && (
        <button type="button" className="quiet" onClick={() => onChange({ action: 'keep' })}>
          {change.action === 'clear' ? 'Undo' : 'Keep the stored one'}
        </button>
      )}
    </div>
  );
}
