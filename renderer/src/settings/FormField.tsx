import type { ReactNode } from 'react';
import type { CheckedProfile } from '../../../shared/profile-rules/check-profile';
import type { FieldSpec } from './profile-fields';
import type { FieldProblem, FormState } from './profile-form-model';
import { SecretField } from './SecretField';

/** A label, its control, the loader's words about the value, and a line of help. */
export function FormField({
  id,
  label,
  problems = [],
  help,
  children,
}: {
  id: string;
  label: string;
  problems?: FieldProblem[] | undefined;
  help?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="form-row" data-field={id}>
      <label htmlFor={id}>{label}</label>
      <div className="form-control">
        {children}
        {problems.map((p, i) => (
          <p
            key={i}
            className={`field-problem ${p.severity}`}
            role={p.severity === 'error' ? 'alert' : undefined}
          >
            {p.message}
          </p>
        ))}
        {help && problems.length === 0 && <p className="field-help muted">{help}</p>}
      </div>
    </div>
  );
}

/** One setting of the form, drawn by its kind. */
export function SettingField({
  field,
  form,
  problems,
  defaults,
  filePicker,
  onChange,
  onPick,
}: {
  field: FieldSpec;
  form: FormState;
  problems: FieldProblem[] | undefined;
  defaults: CheckedProfile | null;
  filePicker: boolean;
  onChange: (form: FormState) => void;
  onPick: (key: 'ca_file' | 'cert_file' | 'key_file') => void;
}) {
  const id = `profile-${field.key}`;
  const invalid = problems?.some((p) => p.severity === 'error') ?? false;
  const row = (control: ReactNode) => (
    <FormField id={id} label={field.label} problems={problems} help={field.help}>
      {control}
    </FormField>
  );
  if (field.kind === 'secret') {
    const which = field.key === 'password' ? 'password' : 'keyPassphrase';
    const stored = which === 'password' ? form.storedPassword : form.storedKeyPassphrase;
    return row(
      <SecretField
        id={id}
        label={field.label}
        stored={stored}
        change={form[which]}
        onChange={(change) => onChange({ ...form, [which]: change })}
      />,
    );
  }
  const key = field.key;
  const value = form.text[key];
  const set = (text: string) => onChange({ ...form, text: { ...form.text, [key]: text } });
  if (field.kind === 'checkbox') {
    // Unticked writes nothing, unless the file said false explicitly (then it stays).
    const off = form.initialText[key] === 'false' ? 'false' : '';
    return row(
      <label className="checkbox">
        <input
          id={id}
          type="checkbox"
          checked={value === 'true'}
          onChange={(e) => set(e.target.checked ? 'true' : off)}
        />
        <span className={value === 'true' ? 'warn' : undefined}>{field.text}</span>
      </label>,
    );
  }
  if (field.kind === 'select') {
    const known = field.options.some(([v]) => v === value);
    return row(
      <select id={id} value={value} aria-invalid={invalid} onChange={(e) => set(e.target.value)}>
        {field.options.map(([v, label]) => (
          <option key={v} value={v}>
            {label}
          </option>
        ))}
        {!known && <option value={value}>{value} (as in the file)</option>}
      </select>,
    );
  }
  const input = (
    <input
      id={id}
      value={value}
      aria-invalid={invalid}
      inputMode={field.kind === 'number' ? 'numeric' : undefined}
      className={field.kind === 'number' ? 'narrow' : undefined}
      spellCheck={false}
      placeholder={placeholderOf(field, defaults)}
      onChange={(e) => set(e.target.value)}
    />
  );
  if (field.kind === 'file') {
    return row(
      <div className="with-button">
        {input}
        {filePicker && (
          <button
            type="button"
            className="quiet"
            onClick={() => onPick(key as 'ca_file' | 'cert_file' | 'key_file')}
          >
            Browse…
          </button>
        )}
      </div>,
    );
  }
  if (field.kind === 'number' && field.unit) {
    return row(
      <div className="with-unit">
        {input}
        <span className="muted">{field.unit}</span>
      </div>,
    );
  }
  return row(input);
}

/** The loader's default for an empty field, so the form shows what an empty field means. */
function placeholderOf(field: FieldSpec, defaults: CheckedProfile | null): string | undefined {
  const fixed = 'placeholder' in field ? field.placeholder : undefined;
  if (!defaults) return fixed;
  switch (field.key) {
    case 'port':
      return String(defaults.port);
    case 'keepalive':
      return String(defaults.keepalive);
    case 'ws_path':
      return defaults.wsPath ?? '/mqtt';
    case 'subscribe_topic':
      return defaults.subscribeTopic ?? 'v2/<gateway id>/sensors/set';
    case 'client_id':
      return 'generated';
    case 'servername':
      return defaults.host || undefined;
    default:
      return fixed;
  }
}
