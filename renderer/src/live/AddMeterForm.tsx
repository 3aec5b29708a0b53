import { useState, type FormEvent, type ReactNode } from 'react';
import { keyProtectionLabel } from './labels';
import { checkMeterDraft, type MeterDraft, type MeterDraftErrors } from './meter-input';
import { ErrorLine } from '../common/ErrorLine';
import type { MeterEditing } from './useMeterEditing';
import type { MonitoredMeterView } from '../../../shared/gateway';

const EMPTY: MeterDraft = { deviceId: '', key: '', manufacturerKey: 'kam' };

/** Adds a monitored meter by hand: checked here first, so mistakes are explained before anything is sent. */
export function AddMeterForm({
  editing,
  monitored,
}: {
  editing: MeterEditing;
  monitored: MonitoredMeterView[];
}) {
  const [draft, setDraft] = useState<MeterDraft>(EMPTY);
  const [errors, setErrors] = useState<MeterDraftErrors>({});
  const [added, setAdded] = useState<string | null>(null);

  const update = (field: keyof MeterDraft, value: string) => {
    setDraft((d) => ({ ...d, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
    setAdded(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkMeterDraft(draft);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    if (await editing.add(checked.value)) {
      setDraft(EMPTY); // the key must not linger in the page once main has it
      setAdded(checked.value.deviceId);
    }
  };

  // The confirmation goes away with the meter (removed, or replaced by a cloud command).
  const addedMeter = added ? monitored.find((m) => m.deviceId === added) : undefined;
  return (
    <form
      className="add-meter"
      aria-label="Add a monitored meter"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3>Add a meter by hand</h3>
      <Field label="Meter id" hint="8 digits" error={errors.deviceId} name="deviceId">
        <input
          id="add-meter-deviceId"
          inputMode="numeric"
          autoComplete="off"
          placeholder="e.g. 32666857"
          value={draft.deviceId}
          aria-invalid={!!errors.deviceId}
          onChange={(e) => update('deviceId', e.target.value)}
        />
      </Field>
      <Field label="AES key" hint="32 hex digits" error={errors.key} name="key">
        <input
          id="add-meter-key"
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder="•••• 32 hex digits ••••"
          value={draft.key}
          aria-invalid={!!errors.key}
          onChange={(e) => update('key', e.target.value)}
        />
      </Field>
      <Field label="Manufacturer" hint="kam = Kamstrup" error={errors.manufacturerKey} name="manufacturerKey">
        <input
          id="add-meter-manufacturerKey"
          className="short"
          autoComplete="off"
          value={draft.manufacturerKey}
          aria-invalid={!!errors.manufacturerKey}
          onChange={(e) => update('manufacturerKey', e.target.value)}
        />
      </Field>
      <button type="submit" className="primary" disabled={editing.busy}>
        {editing.busy ? 'Adding…' : 'Add meter'}
      </button>
      <ErrorLine error={editing.error} />
      {addedMeter && (
        <p className="ok-text" role="status">
          Meter {addedMeter.deviceId} added; its key (…{addedMeter.keyHint}) is{' '}
          {keyProtectionLabel(addedMeter.keyProtection)}.
        </p>
      )}
    </form>
  );
}

function Field(props: {
  label: string;
  hint: string;
  error: string | undefined;
  name: string;
  children: ReactNode;
}) {
  const { label, hint, error, name, children } = props;
  return (
    <div className="field">
      <label htmlFor={`add-meter-${name}`}>
        {label} <span className="muted">({hint})</span>
      </label>
      {children}
      {error && (
        <span className="field-error" role="alert" id={`add-meter-${name}-error`} data-field-error={name}>
          {error}
        </span>
      )}
    </div>
  );
}
