import { useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { GatewayStatus } from '../../../shared/gateway';
import type { PublishResult } from '../../../shared/mqtt/types';
import { useGatewayApi } from '../store/hooks';
import { checkPayload, describeCheck } from './json-check';
import type { ListedMessage } from './message-list';
import { PropertiesEditor } from './PropertiesEditor';
import { checkProperties, emptyPropertiesDraft, type PropertiesDraft } from './publish-properties';
import { configTemplate, dataTemplate, sensorsSetTemplate, type Template } from './templates';
import { describeError, describePublish, publishTone } from './words';

type Qos = 0 | 1 | 2;
type Outcome = { kind: 'result'; result: PublishResult } | { kind: 'error'; text: string } | null;

/** Why the MQTT 5 properties cannot be used now, in one line; null when they can. */
export function propertiesUnavailable(
  status: GatewayStatus | null,
  protocolVersion: 4 | 5 | null,
): string | null {
  if (!status?.running) return 'Available once a profile with protocol_version: 5 is running.';
  if (protocolVersion === 5) return null;
  return `Not available: profile ${status.profile ?? ''} speaks MQTT 3.1.1, which has no properties (set protocol_version: 5 in its settings).`;
}

export function Composer(props: {
  status: GatewayStatus | null;
  /** The running profile's MQTT version; null when nothing runs. */
  protocolVersion: 4 | 5 | null;
  onPublished(entry: Omit<ListedMessage, 'seq'>): void;
}) {
  const { status, protocolVersion, onPublished } = props;
  const api = useGatewayApi();
  const [topic, setTopic] = useState('');
  const [payload, setPayload] = useState('');
  const [qos, setQos] = useState<Qos>(1);
  const [retain, setRetain] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const qosId = useId();
  const check = useMemo(() => checkPayload(payload), [payload]);
  const [propertiesDraft, setPropertiesDraft] = useState<PropertiesDraft>(emptyPropertiesDraft);
  const propertiesCheck = useMemo(() => checkProperties(propertiesDraft), [propertiesDraft]);
  const propertiesOff = propertiesUnavailable(status, protocolVersion);

  const apply = (template: Template) => {
    setTopic(template.topic);
    setPayload(template.payload);
    setNote(template.note);
  };

  const publish = async () => {
    if (busy) return;
    if (!topic.trim()) return setOutcome({ kind: 'error', text: 'Enter a topic to publish to.' });
    // Under 3.1.1 the section is disabled and whatever it holds is not sent.
    const withProperties = propertiesOff === null;
    if (withProperties && !propertiesCheck.ok) {
      const first = Object.values(propertiesCheck.errors)[0];
      return setOutcome({ kind: 'error', text: `Not published: correct the MQTT 5 properties. ${first}` });
    }
    const properties = withProperties && propertiesCheck.ok ? propertiesCheck.properties : undefined;
    setBusy(true);
    const result = await api.mqtt.publish({
      topic,
      payload,
      qos,
      retain,
      ...(properties ? { properties } : {}),
    });
    setBusy(false);
    if (!result.ok) return setOutcome({ kind: 'error', text: describeError(result.error) });
    setOutcome({ kind: 'result', result: result.value });
    const size = new TextEncoder().encode(payload).length;
    const format = payload === '' ? 'empty' : check.kind === 'json' ? 'json' : 'text';
    onPublished({
      kind: 'published',
      topic,
      at: result.value.at,
      qos,
      retain,
      payload: { format, size, text: payload, hex: null, truncated: false, shownBytes: size },
      properties: properties ?? null,
      status: `published here: ${result.value.state}, result ${result.value.result}`,
    });
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    void publish();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void publish();
    }
  };

  return (
    <form
      className="panel msg-composer"
      aria-label="Publish a message"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
    >
      <div className="msg-head">
        <h2>Publish</h2>
        <div className="msg-templates" role="group" aria-label="Templates">
          <button type="button" onClick={() => apply(sensorsSetTemplate(status))}>
            sensors/set template
          </button>
          <button type="button" onClick={() => apply(configTemplate(status))}>
            Config template
          </button>
          <button type="button" onClick={() => apply(dataTemplate(status, new Date()))}>
            Data template
          </button>
        </div>
      </div>
      {note && <p className="muted msg-note">{note}</p>}
      <label className="field">
        Topic
        <input
          value={topic}
          onChange={(e) => setTopic(e.target.value)}
          spellCheck={false}
          placeholder="v2/<gateway id>/…"
        />
      </label>
      <label className="field">
        Payload
        <textarea
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
          rows={8}
          spellCheck={false}
          aria-describedby="msg-payload-check"
          aria-invalid={check.kind === 'text'}
        />
      </label>
      <p
        id="msg-payload-check"
        className={`msg-check ${check.kind}`}
        data-check={check.kind}
        aria-live="polite"
      >
        {describeCheck(check)}
      </p>
      <PropertiesEditor
        draft={propertiesDraft}
        check={propertiesCheck}
        disabledReason={propertiesOff}
        onChange={setPropertiesDraft}
      />
      <div className="msg-row">
        <div className="field">
          <label htmlFor={qosId}>QoS</label>
          <select id={qosId} value={qos} onChange={(e) => setQos(Number(e.target.value) as Qos)}>
            <option value={0}>0 — at most once</option>
            <option value={1}>1 — at least once</option>
            <option value={2}>2 — exactly once</option>
          </select>
        </div>
        <label className="msg-check-label">
          <input type="checkbox" checked={retain} onChange={(e) => setRetain(e.target.checked)} /> Retain
        </label>
        <button type="submit" className="primary" disabled={busy}>
          Publish
        </button>
        <span className="muted">
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd>
        </span>
      </div>
      <OutcomeView outcome={outcome} />
    </form>
  );
}

function OutcomeView({ outcome }: { outcome: Outcome }) {
  if (!outcome) return <div role="status" aria-label="Publish result" />;
  if (outcome.kind === 'error')
    return (
      <div role="status" aria-label="Publish result" className="msg-outcome error" data-state="error">
        {outcome.text}
      </div>
    );
  const { result } = outcome;
  return (
    <div
      role="status"
      aria-label="Publish result"
      className={`msg-outcome ${publishTone(result)}`}
      data-state={result.state}
    >
      {describePublish(result).map((line) => (
        <div key={line}>{line}</div>
      ))}
    </div>
  );
}
