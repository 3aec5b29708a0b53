import { useState } from 'react';
import type { CaptureListView, ReplayStatusView } from '../../../shared/capture';
import type { GatewayStatus } from '../../../shared/gateway';
import { ErrorLine } from '../common/ErrorLine';
import { formatBytes, formatNumber } from '../common/format';
import {
  fileName,
  REPLAY_SPEEDS,
  replayProgress,
  replayTitle,
  speedFromKey,
  speedKey,
} from './capture-words';
import type { CaptureControl } from './useCaptureControl';
import './capture.css';

/**
 * Record the running gateway into a capture file a technician can send, and open a capture (or a
 * wmbusmeters simulation, or a raw stick dump) from the captures folder as a read-only replay that
 * the cards below show like a live run.
 */
export function CapturePanel({ status, control }: { status: GatewayStatus | null; control: CaptureControl }) {
  const replay = status?.replay ?? null;
  return (
    <section className="panel capture-panel" aria-label="Capture and replay" data-card="capture">
      {replay && <ReplayBar replay={replay} control={control} />}
      <div className="capture-row">
        <Recording status={status} control={control} />
        <OpenReplay list={control.list} control={control} />
      </div>
      {control.list?.folder && (
        <p className="muted capture-folder">
          Captures are kept in <code>{control.list.folder}</code>; put a capture, a wmbusmeters simulation
          file or a stick byte dump (iM871A or iU891A) there to open it.
        </p>
      )}
      <ErrorLine error={control.error} />
      <ErrorLine error={control.listError} />
    </section>
  );
}

function Recording({ status, control }: { status: GatewayStatus | null; control: CaptureControl }) {
  const capture = status?.capture ?? null;
  if (capture) {
    return (
      <div className="capture-recording">
        <span className="chip busy" role="status" aria-label="Recording" data-recording-file={capture.file}>
          ● Recording to <code>{capture.file}</code> — {formatNumber(capture.records, 0)} records
          {capture.dropped > 0 && `, ${formatNumber(capture.dropped, 0)} lost (the disk was too slow)`}
        </span>
        <button type="button" disabled={control.pending !== null} onClick={control.stopRecording}>
          Stop recording
        </button>
      </div>
    );
  }
  const running = status?.running ?? false;
  return (
    <button
      type="button"
      disabled={!running || control.pending !== null}
      title={
        running ? 'Record serial bytes, telegrams and MQTT traffic into a file' : 'Start the gateway first'
      }
      onClick={control.record}
    >
      Record a capture
    </button>
  );
}

function OpenReplay({ list, control }: { list: CaptureListView | null; control: CaptureControl }) {
  const [chosen, setChosen] = useState('');
  const [speed, setSpeed] = useState<number | null>(1);
  const files = list?.files ?? [];
  const name = files.some((f) => f.name === chosen) ? chosen : (files[0]?.name ?? '');
  return (
    <div className="capture-open">
      <label className="field">
        <span className="field-label">Capture</span>
        <select aria-label="Capture file" value={name} onChange={(e) => setChosen(e.target.value)}>
          {files.length === 0 && <option value="">No captures yet</option>}
          {files.map((f) => (
            <option key={f.name} value={f.name}>
              {f.name} ({formatBytes(f.bytes)})
            </option>
          ))}
        </select>
      </label>
      <SpeedSelect label="Replay speed" speed={speed} onChange={setSpeed} />
      <button
        type="button"
        disabled={name === '' || control.pending !== null}
        onClick={() => control.openReplay(name, speed)}
      >
        Open replay
      </button>
      <button
        type="button"
        className="icon-button"
        aria-label="Look for captures again"
        title="Look for captures again"
        onClick={control.refreshList}
      >
        ↻
      </button>
    </div>
  );
}

function ReplayBar({ replay, control }: { replay: ReplayStatusView; control: CaptureControl }) {
  const busy = control.pending !== null;
  return (
    <div className="replay-bar" role="status" aria-label="Replay" data-replay-finished={replay.finished}>
      <div className="replay-title">
        <strong>{replayTitle(replay)}</strong>
        <span className="chip warn">Read-only: nothing is published</span>
      </div>
      {replay.recordedWith && <p className="muted">Recorded with {replay.recordedWith}.</p>}
      <div className="capture-row">
        <span aria-label="Replay progress">{replayProgress(replay)}</span>
        {!replay.finished && (
          <button type="button" disabled={busy} onClick={() => control.setPaused(!replay.paused)}>
            {replay.paused ? 'Resume' : 'Pause'}
          </button>
        )}
        {!replay.finished && (
          <SpeedSelect label="Speed of this replay" speed={replay.speed} onChange={control.setSpeed} />
        )}
        <button type="button" disabled={busy} onClick={control.stopReplay}>
          Close replay
        </button>
      </div>
      {replay.problemCount > 0 && (
        <details className="replay-problems">
          <summary>
            {replay.problemCount} line{replay.problemCount === 1 ? '' : 's'} of {fileName(replay.file)} could
            not be read; the rest was replayed
          </summary>
          <ul>
            {replay.problems.map((p) => (
              <li key={`${p.line}:${p.message}`}>{p.message}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function SpeedSelect({
  label,
  speed,
  onChange,
}: {
  label: string;
  speed: number | null;
  onChange: (speed: number | null) => void;
}) {
  return (
    <label className="field">
      <span className="field-label">Speed</span>
      <select
        aria-label={label}
        value={speedKey(speed)}
        onChange={(e) => onChange(speedFromKey(e.target.value))}
      >
        {REPLAY_SPEEDS.map((s) => (
          <option key={speedKey(s.value)} value={speedKey(s.value)}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}
