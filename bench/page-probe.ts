import type { Page } from 'playwright-core';
import { inPage } from './in-page';

// In-page instruments. The Node side only presses the mouse; every time is taken by the page itself
// on its own clock, so CDP round trips are not counted as UI latency.

/** One click, from the pointerdown's timestamp to the end of the first frame painted with its effect. */
export interface ClickTiming {
  label: string;
  latencyMs: number;
  /** Frames painted before the effect showed (1 = the very next frame). */
  frames: number;
}

/** An Event Timing entry (Chromium reports only events of 16 ms or more). */
export interface SlowEvent {
  name: string;
  durationMs: number;
  inputDelayMs: number;
  processingMs: number;
  interactionId: number;
  startTime: number;
}

export interface LongTask {
  startTime: number;
  durationMs: number;
}

/** The Messages list's newest bench row changed: which message, and when that frame was painted. */
export interface RowShown {
  seq: number;
  /** Epoch ms: when the publisher made the message, and when the page painted it as the newest row. */
  publishedAt: number;
  paintedAt: number;
}

interface ProbeState {
  pressedAt: number | null;
  clicks: ClickTiming[];
  slowEvents: SlowEvent[];
  longTasks: LongTask[];
  shown: RowShown[];
}

// The few browser APIs the probe uses, typed here because this project's Node config has no DOM lib.
interface ProbeElement {
  closest(selector: string): ProbeElement | null;
  querySelector(selector: string): ProbeElement | null;
  getAttribute(name: string): string | null;
  textContent: string | null;
}
interface ProbeEvent {
  timeStamp: number;
  target: ProbeElement | null;
}
interface PerfEntry {
  name: string;
  startTime: number;
  duration: number;
  processingStart?: number;
  processingEnd?: number;
  interactionId?: number;
}
interface ProbeGlobals {
  __uiBench?: ProbeState;
  addEventListener(type: string, listener: (event: ProbeEvent) => void, capture: boolean): void;
  requestAnimationFrame(callback: () => void): number;
  MessageChannel: new () => {
    port1: { onmessage: (() => void) | null };
    port2: { postMessage(value: unknown): void };
  };
  PerformanceObserver: new (callback: (list: { getEntries(): PerfEntry[] }) => void) => {
    observe(options: Record<string, unknown>): void;
  };
  performance: { now(): number };
  document: { querySelector(selector: string): ProbeElement | null };
  Date: { now(): number; parse(text: string): number };
}

const NEWEST_BENCH_ROW = '#panel-messages li.msg-item[data-topic^="bench/"]';

/**
 * Installs, once per page, the recorders: clicks (press → painted effect), Event Timing entries,
 * long tasks, and every frame in which the Messages list shows a new newest bench row.
 */
export function installProbe(page: Page): Promise<void> {
  return inPage(
    page,
    (newestRowSelector: string) => {
      const w = globalThis as unknown as ProbeGlobals;
      if (w.__uiBench) return;
      const state: ProbeState = { pressedAt: null, clicks: [], slowEvents: [], longTasks: [], shown: [] };
      w.__uiBench = state;
      w.addEventListener('pointerdown', (event) => (state.pressedAt = event.timeStamp), true);
      w.addEventListener(
        'click',
        (event) => {
          const start = state.pressedAt ?? event.timeStamp;
          state.pressedAt = null;
          const target = event.target?.closest('[aria-checked], [aria-selected]') ?? null;
          const label = target?.textContent?.trim() ?? '?';
          const shows = () =>
            target !== null &&
            (target.getAttribute('aria-checked') === 'true' ||
              target.getAttribute('aria-selected') === 'true');
          let frames = 0;
          // rAF runs just before a frame is rendered; a message posted from it is handled after
          // that frame, so its time is when the frame (with or without the effect) was painted.
          const nextFrame = () =>
            w.requestAnimationFrame(() => {
              frames++;
              const channel = new w.MessageChannel();
              channel.port1.onmessage = () => {
                if (shows() || frames >= 600) {
                  const latencyMs = shows() ? w.performance.now() - start : Number.POSITIVE_INFINITY;
                  state.clicks.push({ label, latencyMs, frames });
                } else nextFrame();
              };
              channel.port2.postMessage(0);
            });
          nextFrame();
        },
        true,
      );
      new w.PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          state.slowEvents.push({
            name: e.name,
            durationMs: e.duration,
            inputDelayMs: (e.processingStart ?? e.startTime) - e.startTime,
            processingMs: (e.processingEnd ?? 0) - (e.processingStart ?? 0),
            interactionId: e.interactionId ?? 0,
            startTime: e.startTime,
          });
        }
      }).observe({ type: 'event', durationThreshold: 16 });
      new w.PerformanceObserver((list) => {
        for (const e of list.getEntries())
          state.longTasks.push({ startTime: e.startTime, durationMs: e.duration });
      }).observe({ type: 'longtask' });
      // Each frame: is there a new newest row? Its time is taken after the frame is painted.
      let lastRow: ProbeElement | null = null;
      const watchRows = () =>
        w.requestAnimationFrame(() => {
          const row = w.document.querySelector(newestRowSelector);
          if (row && row !== lastRow) {
            lastRow = row;
            let body: { seq?: number; timestamp?: string } = {};
            try {
              body = JSON.parse(row.querySelector('pre')?.textContent ?? '{}') as typeof body;
            } catch {
              body = {};
            }
            const channel = new w.MessageChannel();
            channel.port1.onmessage = () =>
              state.shown.push({
                seq: body.seq ?? 0,
                publishedAt: w.Date.parse(body.timestamp ?? ''),
                paintedAt: w.Date.now(),
              });
            channel.port2.postMessage(0);
          }
          watchRows();
        });
      watchRows();
    },
    NEWEST_BENCH_ROW,
  );
}

export interface ProbeRecords {
  clicks: ClickTiming[];
  slowEvents: SlowEvent[];
  longTasks: LongTask[];
  shown: RowShown[];
}

/** Takes (and clears) what the probe recorded since the last call. */
export function takeRecords(page: Page): Promise<ProbeRecords> {
  return inPage(
    page,
    () => {
      const w = globalThis as unknown as ProbeGlobals;
      const state = w.__uiBench;
      if (!state) throw new Error('ui bench: the page probe is not installed (installProbe first)');
      const records = {
        clicks: state.clicks.splice(0),
        slowEvents: state.slowEvents.splice(0),
        longTasks: state.longTasks.splice(0),
        shown: state.shown.splice(0),
      };
      return records;
    },
    null,
  );
}

export interface ListReading {
  /** The Messages screen's counter line, as shown. */
  counter: string;
  /** Rows in the list (all kinds) and rows it says it dropped. */
  kept: number;
  dropped: number;
  /** `seq` of the newest bench message rendered in the list, 0 when none. */
  newestSeq: number;
}

/** What the Messages screen shows right now, read from the DOM as a user would. */
export function readMessageList(page: Page): Promise<ListReading> {
  return inPage(
    page,
    (newestRowSelector: string) => {
      const w = globalThis as unknown as ProbeGlobals;
      const counter =
        w.document.querySelector('#panel-messages [aria-label="Message count"]')?.textContent ?? '';
      const shown = /(\d+) of (\d+) shown/.exec(counter);
      const dropped = /(\d+) older messages dropped/.exec(counter);
      let newestSeq = 0;
      try {
        const text = w.document.querySelector(newestRowSelector)?.querySelector('pre')?.textContent ?? '{}';
        newestSeq = (JSON.parse(text) as { seq?: number }).seq ?? 0;
      } catch {
        newestSeq = 0;
      }
      return {
        counter,
        kept: shown ? Number(shown[2]) : 0,
        dropped: dropped ? Number(dropped[1]) : 0,
        newestSeq,
      };
    },
    NEWEST_BENCH_ROW,
  );
}
