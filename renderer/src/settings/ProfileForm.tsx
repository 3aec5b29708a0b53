import { useState, type FormEvent } from 'react';
import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import type { ProfileFile } from '../../../shared/profile-form';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import { useGatewayApi } from '../store/hooks';
import { FormField, SettingField } from './FormField';
import { FORM_SECTIONS } from './profile-fields';
import { checkForm, draftOf, type FormState } from './profile-form-model';
import { TestResult } from './TestResult';

export interface ProfileFormProps {
  form: FormState;
  onChange: (form: FormState) => void;
  /** The file's hash when the form was filled: a save is refused if the file changed since. */
  hash: string | null;
  takenNames: string[];
  filePicker: boolean;
  onSaved: (file: ProfileFile, name: string) => void;
  onCancel: () => void;
  /** Reads the file again and fills the form from it (after a CONFLICT). */
  onReload: () => void;
}

/** Create, edit or duplicate one connection profile, test it, save it into the settings file. */
export function ProfileForm({
  form,
  onChange,
  hash,
  takenNames,
  filePicker,
  onSaved,
  onCancel,
  onReload,
}: ProfileFormProps) {
  const api = useGatewayApi();
  const [busy, setBusy] = useState<'save' | 'test' | null>(null);
  const [error, setError] = useState<BridgeErrorInfo | null>(null);
  const [outcome, setOutcome] = useState<ConnectionOutcome | null>(null);
  const check = checkForm(form, takenNames);
  const title =
    form.originalName !== null
      ? `Edit profile “${form.originalName}”`
      : form.secretsFrom !== null
        ? `New profile, copied from “${form.secretsFrom}”`
        : 'New profile';

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (check.errorCount > 0) return;
    setBusy('save');
    setError(null);
    const result = await api.profiles.save({ originalName: form.originalName, draft: draftOf(form), hash });
    setBusy(null);
    if (result.ok) onSaved(result.value, form.name);
    else setError(result.error);
  };

  const test = async () => {
    setBusy('test');
    setError(null);
    setOutcome(null);
    const result = await api.profiles.test({ draft: draftOf(form) });
    setBusy(null);
    if (result.ok) setOutcome(result.value);
    else setError(result.error);
  };

  const pick = async (key: 'ca_file' | 'cert_file' | 'key_file') => {
    const result = await api.dialog.pickFile({ purpose: key });
    if (result.ok && result.value.path !== null)
      onChange({ ...form, text: { ...form.text, [key]: result.value.path } });
    else if (!result.ok) setError(result.error);
  };

  return (
    <form className="panel profile-form" aria-label="Profile form" onSubmit={(e) => void save(e)} noValidate>
      <div className="panel-head">
        <h2>{title}</h2>
      </div>
      <div className="form-name">
        <FormField
          id="profile-name"
          label="Name"
          problems={check.problems['name']}
          help="The name you choose on the Live screen."
        >
          <input
            id="profile-name"
            value={form.name}
            aria-invalid={check.problems['name']?.some((p) => p.severity === 'error') ?? false}
            onChange={(e) => onChange({ ...form, name: e.target.value })}
            placeholder="recalc"
            autoFocus
          />
        </FormField>
      </div>
      <div className="form-sections">
        {[0, 1].map((column) => (
          <div key={column} className="form-column">
            {FORM_SECTIONS.filter((section) => section.column === column).map((section) => (
              <fieldset key={section.id} className="form-section" data-section={section.id}>
                <legend>{section.title}</legend>
                {section.fields.map((field) => (
                  <SettingField
                    key={field.key}
                    field={field}
                    form={form}
                    problems={check.problems[field.key]}
                    defaults={check.defaults}
                    filePicker={filePicker}
                    onChange={onChange}
                    onPick={(key) => void pick(key)}
                  />
                ))}
              </fieldset>
            ))}
          </div>
        ))}
      </div>
      {form.unknownKeys.length > 0 && (
        <p className="muted unknown-keys">
          Also in the file, kept as they are:{' '}
          {form.unknownKeys.map((k) => (
            <code key={k}>{k} </code>
          ))}
        </p>
      )}
      {error?.code === 'CONFLICT' ? (
        <div className="problem error conflict" role="alert">
          <span>{error.message}</span>
          <button type="button" onClick={onReload}>
            Reload the file
          </button>
        </div>
      ) : (
        error && (
          <p className="problem error" role="alert">
            {error.message}
          </p>
        )
      )}
      <div className="form-actions">
        <button type="button" onClick={() => void test()} disabled={busy !== null || check.errorCount > 0}>
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <span className="spacer" />
        {check.errorCount > 0 && (
          <span className="error-text" aria-live="polite">
            {check.errorCount === 1 ? '1 problem to fix' : `${check.errorCount} problems to fix`}
          </span>
        )}
        <button type="button" className="quiet" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="primary" disabled={busy !== null || check.errorCount > 0}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
      </div>
      {outcome && <TestResult outcome={outcome} />}
    </form>
  );
}
