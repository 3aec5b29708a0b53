// Captures and replays in words for the Live gateway screen. Pure: tested without a browser.
import type { CaptureSourceFormat, ReplayStatusView } from '../../../shared/capture';
import { formatDateTime, formatNumber } from '../common/format';

/** The replay speeds offered: a factor of the recorded pace, or null for as fast as possible. */
export const REPLAY_SPEEDS: ReadonlyArray<{ value: number | null; label: string }> = [
  { value: 1, label: '1× (as recorded)' },
  { value: 10, label: '10×' },
  { value: 60, label: '60×' },
  { value: null, label: 'As fast as possible' },
];

/** A select's value for a speed ("max" stands for null). */
export const speedKey = (speed: number | null): string => (speed === null ? 'max' : String(speed));
export const speedFromKey = (key: string): number | null => (key === 'max' ? null : Number(key));

export function speedLabel(speed: number | null): string {
  return REPLAY_SPEEDS.find((s) => s.value === speed)?.label ?? `${speed}×`;
}

/** The file name of a path, from either kind of separator. */
export function fileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

const FROM_FORMAT: Record<CaptureSourceFormat, string> = {
  gdcap: 'a capture',
  wmbusmeters: 'a wmbusmeters simulation file',
  hci: 'a raw stick byte dump (iM871A or iU891A)',
};

/** "Replay of capture-….gdcap.gz (recorded 2026-12-06 23:50:25 (UTC+01:00))". */
export function replayTitle(replay: ReplayStatusView): string {
  const when = replay.recordedAt
    ? `recorded ${formatDateTime(replay.recordedAt)}`
    : FROM_FORMAT[replay.format];
  return `Replay of ${fileName(replay.file)} (${when})`;
}

/** Where the replay is: telegrams played, recorded time reached, paused or finished. */
export function replayProgress(replay: ReplayStatusView): string {
  const telegrams = `${formatNumber(replay.telegrams, 0)} telegram${replay.telegrams === 1 ? '' : 's'}`;
  const state = replay.finished
    ? 'finished'
    : replay.paused
      ? 'paused'
      : `playing at ${speedLabel(replay.speed)}`;
  return `${telegrams} · ${formatDuration(replay.positionMs)} of recording · ${state}`;
}

/** "0:42", "1:05:09": recorded time reached. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  return hours > 0 ? `${hours}:${two(minutes)}:${two(seconds)}` : `${minutes}:${two(seconds)}`;
}
