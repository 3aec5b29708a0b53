import { useId, useState, type FormEvent } from 'react';
import { isLinkRestored } from '../bridge/link';
import { useGatewayApi, useGatewayEvents } from '../store/hooks';
import { describeError, describeGrant, type Tone } from './words';

type Qos = 0 | 1 | 2;
interface Active {
  topic: string;
  grantedQos: number;
}
interface Line {
  text: string;
  tone: Tone;
}

export function Subscriptions() {
  const api = useGatewayApi();
  const [topic, setTopic] = useState('');
  const [qos, setQos] = useState<Qos>(1);
  const [active, setActive] = useState<Active[]>([]);
  const [lines, setLines] = useState<Line[]>([]);
  const [busy, setBusy] = useState(false);
  const qosId = useId();

  // Main cannot list the session's subscriptions yet, so they cannot be re-read after an outage:
  // say plainly that the list may be stale.
  useGatewayEvents((batch) => {
    if (!isLinkRestored(batch)) return;
    setLines([
      {
        text: 'The link to the app was lost and is back. If the app restarted meanwhile, these subscriptions are gone: subscribe again to be sure.',
        tone: 'warn',
      },
    ]);
  });

  const subscribe = async (event: FormEvent) => {
    event.preventDefault();
    const filter = topic.trim();
    if (!filter || busy) return;
    setBusy(true);
    const result = await api.mqtt.subscribe({ topic: filter, qos });
    setBusy(false);
    if (!result.ok) return setLines([{ text: describeError(result.error), tone: 'error' }]);
    const { value } = result;
    const described = value.topics.map(describeGrant);
    if (value.error) {
      const hint = value.error.hint ? ` — ${value.error.hint}` : '';
      described.push({ text: `${value.error.message}${hint}`, tone: 'error' });
    }
    setLines(described);
    const granted = value.topics.filter((t) => t.grantedQos !== null);
    setActive((current) => [
      ...current.filter((a) => !granted.some((g) => g.topic === a.topic)),
      ...granted.map((g) => ({ topic: g.topic, grantedQos: g.grantedQos! })),
    ]);
  };

  const unsubscribe = async (filter: string) => {
    const result = await api.mqtt.unsubscribe({ topic: filter });
    if (!result.ok) return setLines([{ text: describeError(result.error), tone: 'error' }]);
    if (!result.value.ok) {
      const text = `Could not unsubscribe from ${filter}: ${result.value.message ?? 'no reason given'}`;
      return setLines([{ text, tone: 'error' }]);
    }
    setActive((current) => current.filter((a) => a.topic !== filter));
    setLines([{ text: `Unsubscribed from ${filter}.`, tone: 'ok' }]);
  };

  return (
    <section className="panel msg-subs" aria-labelledby="msg-subs-title">
      <h2 id="msg-subs-title">Subscriptions</h2>
      <form className="msg-row" aria-label="Subscribe to a topic" onSubmit={(e) => void subscribe(e)}>
        <label className="field msg-grow">
          Topic filter
          <input
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            spellCheck={false}
            placeholder="v2/+/sensors/set or test/#"
          />
        </label>
        <div className="field">
          <label htmlFor={qosId}>Subscription QoS</label>
          <select id={qosId} value={qos} onChange={(e) => setQos(Number(e.target.value) as Qos)}>
            <option value={0}>0</option>
            <option value={1}>1</option>
            <option value={2}>2</option>
          </select>
        </div>
        <button type="submit" disabled={busy}>
          Subscribe
        </button>
      </form>
      <div role="status" aria-label="Subscribe result" className="msg-sub-result">
        {lines.map((line) => (
          <div key={line.text} className={`msg-outcome ${line.tone}`}>
            {line.text}
          </div>
        ))}
      </div>
      {active.length === 0 ? (
        <p className="muted">No subscriptions from this screen yet.</p>
      ) : (
        <ul className="msg-active" aria-label="Active subscriptions">
          {active.map((a) => (
            <li key={a.topic} data-topic={a.topic}>
              <code>{a.topic}</code> <span className="muted">QoS {a.grantedQos}</span>
              <button
                type="button"
                aria-label={`Unsubscribe ${a.topic}`}
                onClick={() => void unsubscribe(a.topic)}
              >
                Unsubscribe
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
