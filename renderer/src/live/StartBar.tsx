import { useState } from 'react';
import type { GatewayStatus, LinkMode } from '../../../shared/gateway';
import type { BridgeErrorInfo } from '../../../shared/ipc/result';
import type { ProfileView } from '../../../shared/settings';
import { stickName, STICK_KINDS, type StickChoice } from '../../../shared/stick-kinds';
import { readStored, writeStored } from '../common/stored';
import type { PortsState } from '../store/hooks';
import { LINK_MODE_LABELS, LINK_MODES_IN_ORDER } from './labels';
import {
  defaultPort,
  defaultProfile,
  groupPorts,
  profileLabel,
  startProgress,
  stickNames,
} from './start-progress';
import { ErrorLine } from '../common/ErrorLine';
import type { GatewayControl } from './useGatewayControl';
import { useCtrlEnter } from '../common/shortcuts';

const CHOICE_KEY = 'gd.live.choice';

interface Remembered {
  profile?: string;
  port?: string;
  linkMode?: LinkMode;
  stick?: StickChoice;
}

function remembered(): Remembered {
  try {
    return JSON.parse(readStored(CHOICE_KEY) ?? '{}') as Remembered;
  } catch {
    return {};
  }
}

export interface StartBarProps {
  profiles: ProfileView[] | null;
  profilesError?: BridgeErrorInfo | null;
  ports: PortsState;
  status: GatewayStatus | null;
  control: GatewayControl;
}

export function StartBar({ profiles, profilesError = null, ports, status, control }: StartBarProps) {
  const [choice, setChoice] = useState<Remembered>(remembered);
  const running = status?.running ?? false;
  const busy = control.pending !== null;
  // While running, show what is actually running; otherwise the choice (or a sensible default).
  const profile =
    running && status?.profile ? status.profile : defaultProfile(profiles ?? [], choice.profile ?? null);
  const port = running && status?.port ? status.port : defaultPort(ports.ports ?? [], choice.port ?? null);
  const linkMode = (running ? status?.linkMode : null) ?? choice.linkMode ?? 'c1a';
  const stick = (running ? status?.stickInfo?.kind : null) ?? choice.stick ?? 'auto';
  const canStart = !running && !busy && profile !== '' && port !== '';

  const choose = (change: Remembered) => {
    const next = { ...choice, ...change };
    setChoice(next);
    writeStored(CHOICE_KEY, JSON.stringify(next));
  };
  const toggle = () => {
    if (busy) return;
    if (running) control.stop();
    else if (canStart) control.start({ profile, port, linkMode, stick });
  };
  useCtrlEnter(toggle, true);

  const progress = startProgress(control.pending, status);
  const found = stickNames(ports.ports ?? []);
  const hasStick = found !== null;
  return (
    <section className="panel start-bar" aria-label="Start the gateway">
      <label className="field">
        <span className="field-label">Profile</span>
        <select
          aria-label="Profile"
          value={profile}
          disabled={running || busy || !profiles}
          onChange={(e) => choose({ profile: e.target.value })}
        >
          {!profiles && <option value="">Loading profiles…</option>}
          {profiles?.map((p) => (
            <option key={p.name} value={p.name}>
              {profileLabel(p)}
            </option>
          ))}
        </select>
      </label>
      {/* A div, not a label: the row holds the select and the refresh button. */}
      <div className="field">
        <span className="field-label">
          Serial port
          {ports.ports && (
            <span className={hasStick ? 'chip ok' : 'chip muted'} data-stick-found={hasStick}>
              {found ? `${found} found` : 'no stick plugged in'}
            </span>
          )}
        </span>
        <span className="field-row">
          <select
            aria-label="Serial port"
            value={port}
            disabled={running || busy || !ports.ports}
            onChange={(e) => choose({ port: e.target.value })}
          >
            {!ports.ports && <option value="">{ports.refreshing ? 'Looking for ports…' : 'No ports'}</option>}
            {groupPorts(ports.ports ?? []).map((group) => (
              <optgroup key={group.label} label={group.label}>
                {group.ports.map((p) => (
                  <option key={p.path} value={p.path}>
                    {p.stick && !p.virtual ? `★ ${p.label}` : p.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <button
            type="button"
            className="icon-button"
            aria-label="Look for serial ports again"
            title="Look for serial ports again"
            disabled={running || ports.refreshing}
            onClick={ports.refresh}
          >
            ↻
          </button>
        </span>
      </div>
      <label className="field">
        <span className="field-label">Stick</span>
        <select
          aria-label="Stick"
          value={stick}
          disabled={running || busy}
          onChange={(e) => choose({ stick: e.target.value as StickChoice })}
          title="Which stick is on the port: found from its USB ids, else by trying each one's protocol. For the virtual port, which stick to simulate."
        >
          <option value="auto">Find out</option>
          {STICK_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {stickName(kind)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">Link mode</span>
        <select
          aria-label="Link mode"
          value={linkMode}
          disabled={running || busy}
          onChange={(e) => choose({ linkMode: e.target.value as LinkMode })}
        >
          {LINK_MODES_IN_ORDER.map((mode) => (
            <option key={mode} value={mode}>
              {LINK_MODE_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      <div className="start-actions">
        <button
          type="button"
          className={running ? 'primary stop' : 'primary'}
          disabled={busy || (!running && !canStart)}
          onClick={toggle}
          aria-keyshortcuts="Control+Enter"
        >
          {running ? 'Stop' : 'Start'}
        </button>
        <kbd className="muted" title="Keyboard shortcut">
          Ctrl+Enter
        </kbd>
        <span className="progress" role="status" aria-label="Start progress">
          {progress}
        </span>
      </div>
      <div className="start-errors">
        <ErrorLine
          error={profilesError && { message: `Could not read the profiles: ${profilesError.message}` }}
        />
        <ErrorLine error={control.error} />
        <ErrorLine error={ports.error} />
      </div>
    </section>
  );
}
