import { useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { formatClock, formatDbm } from '../common/format';
import { summariseValues } from './format';
import { MAX_TELEGRAM_ROWS, type TelegramRow } from './gateway-history';
import { telegramOutcome } from './labels';
import { visibleRows } from '../common/virtual-window';

// Fixed row height and viewport: the list renders only the rows in view, so thousands of
// telegrams cost the same as twenty, and nothing around it moves when rows arrive. Eight rows
// by default (one meter fills them in about two minutes); the technician may drag it taller.
const ROW_HEIGHT = 30;
export const VIEWPORT_HEIGHT = 8 * ROW_HEIGHT;

/** The scroller's height as the user resized it, so the window renders what is really in view. */
function useViewportHeight(element: RefObject<HTMLDivElement | null>): number {
  const [height, setHeight] = useState(VIEWPORT_HEIGHT);
  useEffect(() => {
    const target = element.current;
    if (!target || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (target.clientHeight > 0) setHeight(target.clientHeight);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [element]);
  return height;
}

export function TelegramList({ rows, received }: { rows: TelegramRow[]; received: number }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const seenRef = useRef(received);
  const viewportHeight = useViewportHeight(scroller);

  // Newest rows go on top; when the user has scrolled down to read, keep their rows still.
  useLayoutEffect(() => {
    const added = received - seenRef.current;
    seenRef.current = received;
    const element = scroller.current;
    if (added > 0 && element && element.scrollTop > 0) {
      element.scrollTop += added * ROW_HEIGHT;
      setScrollTop(element.scrollTop);
    }
  }, [received]);

  const { start, end } = visibleRows(scrollTop, viewportHeight, ROW_HEIGHT, rows.length);
  const dropped = received - rows.length;
  return (
    <section className="panel card telegrams" aria-labelledby="telegrams-title" data-card="telegrams">
      <div className="card-head">
        <h2 id="telegrams-title">Telegrams</h2>
        <span className="muted">
          {received === 0 ? 'none yet' : `${received.toLocaleString('en-US')} received`}
          {dropped > 0 && ` · showing the last ${MAX_TELEGRAM_ROWS}; older rows are dropped`}
        </span>
      </div>
      <div role="table" aria-label="Received telegrams" aria-rowcount={rows.length + 1}>
        <div role="row" className="trow thead">
          <span role="columnheader">Time</span>
          <span role="columnheader">Meter</span>
          <span role="columnheader">Monitored</span>
          <span role="columnheader">Outcome</span>
          <span role="columnheader">RSSI</span>
          <span role="columnheader">Values</span>
        </div>
        <div
          ref={scroller}
          className="tbody"
          role="rowgroup"
          style={{ height: VIEWPORT_HEIGHT }}
          onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
        >
          {rows.length === 0 ? (
            <p className="empty">
              No telegrams yet. Once the stick is ready, a meter in range sends one about every 15–20 s.
            </p>
          ) : (
            <div className="tbody-inner" style={{ height: rows.length * ROW_HEIGHT }}>
              {rows.slice(start, end).map((row, i) => (
                <TelegramRowView key={row.seq} row={row} index={start + i} />
              ))}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function TelegramRowView({ row, index }: { row: TelegramRow; index: number }) {
  const outcome = telegramOutcome(row);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className="trow"
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      data-device-id={row.deviceId ?? ''}
      data-outcome={outcome.label}
    >
      <span role="cell">
        <time dateTime={row.at}>{formatClock(row.at)}</time>
      </span>
      <span role="cell">
        <code>{row.deviceId ?? '—'}</code>
      </span>
      <span role="cell" className={row.monitored ? '' : 'muted'}>
        {row.monitored ? 'monitored' : 'other'}
      </span>
      <span role="cell">
        <span className={`chip ${outcome.tone}`} title={row.error?.message}>
          {outcome.label}
        </span>
      </span>
      <span role="cell" className="num">
        {formatDbm(row.rssiDbm)}
      </span>
      <span role="cell" className="values-cell" title={row.error?.message ?? summariseValues(row.values)}>
        {row.ok ? summariseValues(row.values) : <span className="muted">{row.error?.message}</span>}
      </span>
    </div>
  );
}
