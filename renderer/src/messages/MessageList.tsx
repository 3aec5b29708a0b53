import { useCallback, useMemo, useRef, useState } from 'react';
import { prettyJson } from './json-check';
import {
  MAX_MESSAGES,
  copyText,
  filterMessages,
  type ListMode,
  type ListedMessage,
  type MessageListState,
} from './message-list';
import { MessageDetail } from './MessageDetail';
import { MessageRows } from './MessageRows';
import { useFindShortcut } from '../common/shortcuts';

export function MessageList({ list, onClear }: { list: MessageListState; onClear(): void }) {
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<ListMode>('received');
  const [copied, setCopied] = useState<string | null>(null);
  // The message the user picked, kept even after it falls off the list; null follows the newest.
  const [picked, setPicked] = useState<ListedMessage | null>(null);
  const search = useRef<HTMLInputElement>(null);
  const detail = useRef<HTMLElement>(null);
  useFindShortcut(search);
  const matches = useMemo(() => filterMessages(list.items, query, mode), [list.items, query, mode]);
  const shown = picked ?? matches[0] ?? null;

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
  const clear = () => {
    setPicked(null);
    onClear();
  };

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
        <button type="button" onClick={clear}>
          Clear
        </button>
      </div>
      <p className="muted" aria-label="Message count">
        {matches.length} of {list.items.length} shown
        {list.dropped > 0 &&
          ` · ${list.dropped} older messages dropped (the list keeps the newest ${MAX_MESSAGES})`}
        {list.missed > 0 &&
          ` · ${list.missed} events missed: the app dropped them under load before they reached this page`}
      </p>
      <p role="status" className="muted msg-copied">
        {copied}
      </p>
      {list.items.length === 0 ? (
        <p className="empty">
          No messages yet. Subscribe to a topic filter above; received messages appear here, newest first.
        </p>
      ) : (
        <div className="msg-browse">
          <MessageRows
            rows={matches}
            selectedSeq={picked?.seq ?? null}
            onSelect={setPicked}
            onOpen={() => detail.current?.focus()}
          />
          <MessageDetail
            ref={detail}
            message={shown}
            following={picked === null}
            onCopy={(m) => void copy(m)}
            onFollow={() => setPicked(null)}
          />
        </div>
      )}
    </section>
  );
}
