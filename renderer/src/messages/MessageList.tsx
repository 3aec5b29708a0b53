import { memo, useCallback, useMemo, useRef, useState } from 'react';
import { formatClock } from '../live/format';
import { prettyJson } from './json-check';
import {
  MAX_MESSAGES,
  clipBody,
  copyText,
  filterMessages,
  formatSize,
  payloadView,
  propertyLines,
  type ListMode,
  type ListedMessage,
  type MessageListState,
} from './message-list';
import { useFindShortcut } from './useFindShortcut';

/** Rendering is bounded too: the list keeps 1000, the page shows the newest 200 matches. */
const SHOWN = 200;

export function MessageList({ list, onClear }: { list: MessageListState; onClear(): void }) {
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<ListMode>('received');
  const [copied, setCopied] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);
  useFindShortcut(search);
  const matches = useMemo(() => filterMessages(list.items, query, mode), [list.items, query, mode]);

  // Stable, so a batch of new messages re-renders only the new rows (rows are memoised).
  const copy = useCallback(async (message: ListedMessage) => {
    const text = message.payload ? copyText(message.payload, prettyJson) : message.topic;
    try {
      if (!navigator.clipboard) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setCopied(`Copied the payload of ${message.topic}.`);
    } catch {
      setCopied('The clipboard is not available here: select the payload text and copy it by hand.');
    }
  }, []);

  return (
    <section className="panel msg-list" aria-labelledby="msg-list-title">
      <div className="msg-head">
        <h2 id="msg-list-title">Messages</h2>
        <input
          ref={search}
          type="search"
          aria-label="Search messages"
          placeholder="Search topic or payload (Ctrl+F or /)"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
        <div className="segmented" role="radiogroup" aria-label="Show">
          {(['received', 'all'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={mode === m} onClick={() => setMode(m)}>
              {m === 'received' ? 'Received' : 'All'}
            </button>
          ))}
        </div>
        <button type="button" onClick={onClear}>
          Clear
        </button>
      </div>
      <p className="muted" aria-label="Message count">
        {matches.length} of {list.items.length} shown
        {matches.length > SHOWN && ` (newest ${SHOWN} listed)`}
        {list.dropped > 0 &&
          ` · ${list.dropped} older messages dropped (the list keeps the newest ${MAX_MESSAGES})`}
      </p>
      <p role="status" className="muted msg-copied">
        {copied}
      </p>
      {list.items.length === 0 ? (
        <p className="empty">
          No messages yet. Subscribe to a topic filter above; received messages appear here, newest first.
        </p>
      ) : (
        <ol className="msg-items" aria-label="Message list">
          {matches.slice(0, SHOWN).map((m) => (
            <MessageItem key={m.seq} message={m} onCopy={copy} />
          ))}
        </ol>
      )}
    </section>
  );
}

const MessageItem = memo(function MessageItem(props: {
  message: ListedMessage;
  onCopy(message: ListedMessage): Promise<void>;
}) {
  const { message, onCopy } = props;
  const [expanded, setExpanded] = useState(false);
  const view = useMemo(() => (message.payload ? payloadView(message.payload, prettyJson) : null), [message]);
  const clip = view ? clipBody(view.body) : null;
  const properties = propertyLines(message.properties);
  return (
    <li className={`msg-item ${message.kind}`} data-kind={message.kind} data-topic={message.topic}>
      <div className="msg-meta">
        <time dateTime={message.at}>{formatClock(message.at)}</time>
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
            onClick={() => void onCopy(message)}
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
    </li>
  );
});
