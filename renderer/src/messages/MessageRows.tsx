import { memo, useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatClock } from '../common/format';
import { visibleRows } from '../common/virtual-window';
import { formatSize, indexOfSeq, payloadSnippet, type ListedMessage } from './message-list';

// Fixed row height and viewport: only the rows in view are in the DOM, so 1000 messages cost
// the same as twenty, and a new message moves nothing but the rows themselves.
export const ROW_HEIGHT = 28;
export const VIEWPORT_HEIGHT = 448;

interface Props {
  /** Newest first. */
  rows: ListedMessage[];
  selectedSeq: number | null;
  onSelect(message: ListedMessage): void;
  /** Enter on a row: the detail pane takes over. */
  onOpen(): void;
}

/** The message list as one-line rows, windowed; ↑/↓ move the selection, Home goes to the newest. */
export function MessageRows({ rows, selectedSeq, onSelect, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLOListElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  // The row at the top of the view and how far it is scrolled past: kept still when rows arrive.
  const anchor = useRef<{ seq: number; offset: number } | null>(null);

  useLayoutEffect(() => {
    const element = scroller.current;
    const held = anchor.current;
    if (!element || !held || element.scrollTop === 0) return;
    const index = indexOfSeq(rows, held.seq);
    if (index === -1) return;
    const wanted = index * ROW_HEIGHT + held.offset;
    if (Math.abs(element.scrollTop - wanted) >= 1) {
      element.scrollTop = wanted;
      setScrollTop(element.scrollTop);
    }
  }, [rows]);

  const remember = (top: number) => {
    setScrollTop(top);
    const first = rows[Math.floor(top / ROW_HEIGHT)];
    // At the very top the list follows new rows; further down it holds the row in view.
    anchor.current = top > 0 && first ? { seq: first.seq, offset: top % ROW_HEIGHT } : null;
  };

  // A click also gives the list the keyboard, so ↑/↓ carry on from the clicked row.
  const pick = useCallback(
    (message: ListedMessage) => {
      onSelect(message);
      list.current?.focus({ preventScroll: true });
    },
    [onSelect],
  );

  const selectedIndex = selectedSeq === null ? 0 : indexOfSeq(rows, selectedSeq);
  const move = (to: number) => {
    const target = rows[Math.max(0, Math.min(rows.length - 1, to))];
    if (!target) return;
    onSelect(target);
    const element = scroller.current;
    const index = indexOfSeq(rows, target.seq);
    if (!element) return;
    const top = index * ROW_HEIGHT;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + ROW_HEIGHT > element.scrollTop + VIEWPORT_HEIGHT)
      element.scrollTop = top + ROW_HEIGHT - VIEWPORT_HEIGHT;
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const page = Math.floor(VIEWPORT_HEIGHT / ROW_HEIGHT) - 1;
    const from = selectedIndex === -1 ? 0 : selectedIndex;
    const moves: Record<string, number> = {
      ArrowDown: from + 1,
      ArrowUp: from - 1,
      PageDown: from + page,
      PageUp: from - page,
      Home: 0,
      End: rows.length - 1,
    };
    if (event.key in moves) move(moves[event.key]!);
    else if (event.key === 'Enter') onOpen();
    else return;
    event.preventDefault();
  };

  const { start, end } = visibleRows(scrollTop, VIEWPORT_HEIGHT, ROW_HEIGHT, rows.length);
  return (
    <div
      ref={scroller}
      className="msg-scroller"
      style={{ height: VIEWPORT_HEIGHT }}
      onScroll={(e) => remember(e.currentTarget.scrollTop)}
    >
      <ol
        ref={list}
        className="msg-items"
        aria-label="Message list"
        aria-rowcount={rows.length}
        tabIndex={0}
        onKeyDown={onKeyDown}
        style={{ height: rows.length * ROW_HEIGHT }}
      >
        {rows.slice(start, end).map((m, i) => (
          <MessageRow
            key={m.seq}
            message={m}
            top={(start + i) * ROW_HEIGHT}
            selected={selectedSeq === null ? start + i === 0 : m.seq === selectedSeq}
            onSelect={pick}
          />
        ))}
      </ol>
      {rows.length === 0 && <p className="empty">No message matches the search or the filter.</p>}
    </div>
  );
}

const MessageRow = memo(function MessageRow(props: {
  message: ListedMessage;
  top: number;
  selected: boolean;
  onSelect(message: ListedMessage): void;
}) {
  const { message, top, selected, onSelect } = props;
  const received = message.kind === 'received';
  return (
    // Rows are picked by mouse here; the keyboard drives the list itself (↑/↓, Enter).
    <li
      className={`msg-item ${message.kind}`}
      data-kind={message.kind}
      data-topic={message.topic}
      aria-current={selected ? 'true' : undefined}
      style={{ top, height: ROW_HEIGHT }}
      onClick={() => onSelect(message)}
    >
      <time dateTime={message.at}>{formatClock(message.at)}</time>
      <span className="msg-dir" title={received ? 'received' : 'published'}>
        {received ? 'in' : 'out'}
      </span>
      <code className="msg-topic" title={message.topic}>
        {message.topic}
      </code>
      <span className="msg-qos">
        {message.qos !== null && `QoS ${message.qos}`}
        {message.retain && ' · R'}
      </span>
      <span className="msg-size">{message.payload ? formatSize(message.payload.size) : ''}</span>
      <span className="msg-body">
        {message.status && <span className="msg-state">{message.status}</span>}
        <pre className="msg-snippet">{payloadSnippet(message.payload)}</pre>
      </span>
    </li>
  );
});
