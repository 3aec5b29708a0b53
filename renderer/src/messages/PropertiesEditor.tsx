import { useId, useRef, type ReactNode } from 'react';
import type { PropertiesCheck, PropertiesDraft, PropertyField, UserPropertyRow } from './publish-properties';

/**
 * MQTT 5 PUBLISH properties. Disabled, with the reason on one line, when the running session does
 * not speak MQTT 5 (3.1.1 has no properties; the session would drop them).
 */
export function PropertiesEditor(props: {
  draft: PropertiesDraft;
  check: PropertiesCheck;
  disabledReason: string | null;
  onChange(draft: PropertiesDraft): void;
}) {
  const { draft, check, disabledReason, onChange } = props;
  const nextRow = useRef(1);
  const errors = check.ok ? {} : check.errors;
  const set = <K extends keyof PropertiesDraft>(key: K, value: PropertiesDraft[K]) =>
    onChange({ ...draft, [key]: value });
  const setRow = (id: number, change: Partial<UserPropertyRow>) =>
    set(
      'userProperties',
      draft.userProperties.map((row) => (row.id === id ? { ...row, ...change } : row)),
    );
  const addRow = () =>
    set('userProperties', [...draft.userProperties, { id: nextRow.current++, key: '', value: '' }]);
  const removeRow = (id: number) =>
    set(
      'userProperties',
      draft.userProperties.filter((row) => row.id !== id),
    );

  return (
    <fieldset
      className="msg-props"
      disabled={disabledReason !== null}
      aria-describedby={disabledReason ? 'msg-props-off' : undefined}
      data-mqtt5={disabledReason === null}
    >
      <legend>MQTT 5 properties</legend>
      {disabledReason && (
        <p id="msg-props-off" className="muted msg-props-off">
          {disabledReason}
        </p>
      )}
      {/* Off, the section is one line: the fields would only take room from the payload. */}
      <div className="msg-props-grid" hidden={disabledReason !== null}>
        <Field label="Content type" error={errors.contentType} name="contentType">
          {(ids) => (
            <input
              {...ids}
              value={draft.contentType}
              onChange={(e) => set('contentType', e.target.value)}
              placeholder="application/json"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Response topic" error={errors.responseTopic} name="responseTopic">
          {(ids) => (
            <input
              {...ids}
              value={draft.responseTopic}
              onChange={(e) => set('responseTopic', e.target.value)}
              placeholder="where the answer should go"
              spellCheck={false}
            />
          )}
        </Field>
        <Field label="Correlation data (hex)" error={errors.correlationData} name="correlationData">
          {(ids) => (
            <input
              {...ids}
              value={draft.correlationData}
              onChange={(e) => set('correlationData', e.target.value)}
              placeholder="0a 1b 2c"
              spellCheck={false}
            />
          )}
        </Field>
        <Field
          label="Message expiry (seconds)"
          error={errors.messageExpiryInterval}
          name="messageExpiryInterval"
        >
          {(ids) => (
            <input
              {...ids}
              inputMode="numeric"
              value={draft.messageExpiryInterval}
              onChange={(e) => set('messageExpiryInterval', e.target.value)}
              placeholder="never expires"
            />
          )}
        </Field>
      </div>
      <label className="msg-check-label" hidden={disabledReason !== null}>
        <input
          type="checkbox"
          checked={draft.payloadFormatIndicator}
          onChange={(e) => set('payloadFormatIndicator', e.target.checked)}
        />{' '}
        Content is UTF-8 text (format indicator 1)
      </label>
      <div
        className="msg-user-props"
        role="group"
        aria-label="User properties"
        hidden={disabledReason !== null}
      >
        <span className="field-label">User properties</span>
        {draft.userProperties.map((row, i) => (
          <div key={row.id} className="msg-row" data-user-property={i + 1}>
            <input
              aria-label={`User property ${i + 1} name`}
              value={row.key}
              onChange={(e) => setRow(row.id, { key: e.target.value })}
              placeholder="name"
              spellCheck={false}
            />
            <input
              aria-label={`User property ${i + 1} value`}
              value={row.value}
              onChange={(e) => setRow(row.id, { value: e.target.value })}
              placeholder="value"
              spellCheck={false}
            />
            <button type="button" className="quiet" onClick={() => removeRow(row.id)}>
              Remove property {i + 1}
            </button>
          </div>
        ))}
        {errors.userProperties && (
          <span className="field-error" role="alert" data-field-error="userProperties">
            {errors.userProperties}
          </span>
        )}
        <button type="button" onClick={addRow}>
          Add user property
        </button>
      </div>
    </fieldset>
  );
}

function Field(props: {
  label: string;
  name: PropertyField;
  error: string | undefined;
  children(ids: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }): ReactNode;
}) {
  const { label, name, error, children } = props;
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, ...(error ? { 'aria-describedby': errorId } : {}) })}
      {error && (
        <span className="field-error" role="alert" id={errorId} data-field-error={name}>
          {error}
        </span>
      )}
    </div>
  );
}
