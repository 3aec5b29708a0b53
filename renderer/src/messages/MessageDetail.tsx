import { useMemo, useState, type Ref } from 'react';
import { formatClock } from '../common/format';
import { prettyJson } from './json-check';
import { clipBody, formatSize, payloadView, propertyLines, type ListedMessage } from './message-list';

interface Props {
  message: ListedMessage | null;
  /** True while the pane shows whatever is newest, false once the user picked a row. */
  following: boolean;
  onCopy(message: ListedMessage): void;
  onFollow(): void;
  ref?: Ref<HTMLElement>;
}

/** The one place a message is shown whole: pretty JSON, properties, truncation note, copy. */
export function MessageDetail({ message, following, onCopy, onFollow, ref }: Props) {
  return (
    <section
      ref={ref}
      className="msg-detail"
      aria-label="Message details"
      tabIndex={-1}
      data-topic={message?.topic}
      data-kind={message?.kind}
    >
      {message ? (
        // Keyed by message: "Show all" starts folded again for the next one.
        <DetailBody key={message.seq} message={message} onCopy={onCopy} />
      ) : (
        <p className="empty">Select a message to see its payload and properties.</p>
      )}
      <p className="muted msg-follow">
        {following ? (
          'Showing the newest message; click a row (or use ↑/↓) to keep one in view.'
        ) : (
          <button type="button" className="quiet" onClick={onFollow}>
            Follow the newest message
          </button>
        )}
      </p>
    </section>
  );
}

function DetailBody({ message, onCopy }: { message: ListedMessage; onCopy(message: ListedMessage): void }) {
  const [expanded, setExpanded] = useState(false);
  const view = useMemo(() => (message.payload ? payloadView(message.payload, prettyJson) : null), [message]);
  const clip = view ? clipBody(view.body) : null;
  const properties = propertyLines(message.properties);
  return (
    <>
      <div className="msg-meta">
        <time dateTime={message.at}>{formatClock(message.at)}</time>
        <span className="chip">{message.kind}</span>
        <code className="msg-topic">{message.topic}</code>
        {message.qos !== null && <span className="chip">QoS {message.qos}</span>}
        {message.retain && <span className="chip">retained</span>}
        {message.payload && <span className="muted">{formatSize(message.payload.size)}</span>}
        {view && <span className="muted">{view.format}</span>}
        {message.status && <span className="muted">{message.status}</span>}
        {message.payload && (
          <button
            type="button"
            className="msg-copy"
            aria-label={`Copy payload of ${message.topic}`}
            onClick={() => onCopy(message)}
          >
            Copy
          </button>
        )}
      </div>
      {view?.note && (
        <p className="warn msg-truncated" data-truncated="">
          {view.note}
        </p>
      )}
      {view && clip && (
        <pre className={`msg-payload ${view.format}`} data-format={view.format}>
          {expanded ? view.body : clip.text}
        </pre>
      )}
      {clip?.clipped && (
        <button type="button" className="quiet msg-expand" onClick={() => setExpanded((e) => !e)}>
          {expanded ? 'Show less' : `Show all ${view!.body.length.toLocaleString('en-US')} characters`}
        </button>
      )}
      {properties.length > 0 && (
        <dl className="msg-props-view" aria-label={`MQTT 5 properties of ${message.topic}`}>
          {properties.map(([name, value], i) => (
            <div key={`${name}-${i}`}>
              <dt>{name}</dt>
              <dd>
                <code>{value}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
