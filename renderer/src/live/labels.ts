// Words for the codes and states the gateway reports, and the colour (tone) each one deserves.
import type { GatewayEventView, GatewayStatus, LinkMode } from '../../../shared/gateway';
import type { ConnectionOutcome, PublishState, SessionState } from '../../../shared/mqtt/types';
import { LINK_MODE_NAMES, LINK_MODES, type LinkModeRow } from '../../../shared/link-modes';
import { GATEWAY_RESULT_TEXT } from '../../../shared/mqtt/result-codes';

export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'busy';

/** A link mode in the UI's words: the table's label, with the firmware it needs when older sticks cannot. */
function linkModeWords(row: LinkModeRow): string {
  return 'im871aMinFirmware' in row
    ? `${row.label} (firmware ≥ 0x${row.im871aMinFirmware.toString(16)})`
    : row.label;
}

/** docs/ARCHITECTURE.md § iM871A link modes: every row of LINK_MODES, in words. */
export const LINK_MODE_LABELS = Object.fromEntries(
  LINK_MODES.map((row) => [row.name, linkModeWords(row)]),
) as Record<LinkMode, string>;

/** The order the UI offers them in: C1 format A first because OmniPower was received with it. */
const UI_RANK: Record<LinkMode, number> = {
  c1a: 0,
  c1b: 1,
  t1: 2,
  c1t1: 3,
  c2a: 4,
  c2b: 5,
  s1: 6,
  s1m: 7,
  s2: 8,
  t2: 9,
  r2: 10,
};

export const LINK_MODES_IN_ORDER: readonly LinkMode[] = [...LINK_MODE_NAMES].sort(
  (a, b) => UI_RANK[a] - UI_RANK[b],
);

export function linkModeLabel(mode: LinkMode | null): string {
  return mode ? LINK_MODE_LABELS[mode] : '—';
}

const SESSION: Record<SessionState, { label: string; tone: Tone }> = {
  idle: { label: 'Not started', tone: 'muted' },
  connecting: { label: 'Connecting…', tone: 'busy' },
  connected: { label: 'Connected', tone: 'ok' },
  reconnecting: { label: 'Reconnecting…', tone: 'warn' },
  closed: { label: 'Closed', tone: 'muted' },
  refused: { label: 'Refused by the broker', tone: 'error' },
  failed: { label: 'Connection failed', tone: 'error' },
};

export const sessionStateLabel = (state: SessionState) => SESSION[state].label;
export const sessionStateTone = (state: SessionState) => SESSION[state].tone;

type StickState = NonNullable<GatewayStatus['stick']>['state'];

const STICK: Record<StickState, { label: string; tone: Tone }> = {
  closed: { label: 'Closed', tone: 'muted' },
  opening: { label: 'Opening stick…', tone: 'busy' },
  ready: { label: 'Ready, listening', tone: 'ok' },
  receiving: { label: 'Receiving telegrams', tone: 'ok' },
  unplugged: { label: 'Unplugged', tone: 'error' },
  error: { label: 'Error', tone: 'error' },
};

export const stickStateLabel = (state: StickState) => STICK[state].label;
export const stickStateTone = (state: StickState) => STICK[state].tone;

/** "5 — Connection refused: not authorised." — the number the broker sent, then what it means. */
export function outcomeLine(outcome: Pick<ConnectionOutcome, 'code' | 'text' | 'error'>): string {
  if (outcome.code !== null) return `${outcome.code} — ${outcome.text}`;
  if (outcome.error) return `${outcome.error.code} — ${outcome.text}`;
  return outcome.text;
}

const PUBLISH: Record<PublishState, { label: string; tone: Tone }> = {
  queued: { label: 'queued', tone: 'warn' },
  sent: { label: 'sent', tone: 'busy' },
  acknowledged: { label: 'acknowledged', tone: 'ok' },
  failed: { label: 'failed', tone: 'error' },
  rejected: { label: 'rejected', tone: 'error' },
};

export const publishStateLabel = (state: PublishState) => PUBLISH[state].label;
export const publishStateTone = (state: PublishState) => PUBLISH[state].tone;

/** The original gateway's result vocabulary (0 success, 4 no connection, 15 queue full). */
export function gatewayResultLine(result: number): string {
  return `${result} — ${GATEWAY_RESULT_TEXT[result] ?? 'unknown result'}`;
}

type TelegramEvent = Extract<GatewayEventView, { event: 'telegram' }>;

/** Short outcome of one telegram, as the list shows it. */
export function telegramOutcome(event: Pick<TelegramEvent, 'ok' | 'error'>): { label: string; tone: Tone } {
  if (event.ok || !event.error) return { label: 'ok', tone: 'ok' };
  switch (event.error.code) {
    case 'CRC':
      return event.error.likelyCause === 'wrong-key'
        ? { label: 'wrong key', tone: 'error' }
        : { label: 'CRC', tone: 'warn' };
    case 'UNKNOWN_METER':
      return { label: 'unknown meter', tone: 'muted' };
    case 'NO_KEY':
      return { label: 'no key', tone: 'warn' };
    case 'HCI_CRC':
      return { label: 'stick CRC', tone: 'warn' };
    case 'UNSUPPORTED':
      return { label: 'unsupported', tone: 'muted' };
    case 'PARSE':
      return { label: 'unreadable', tone: 'warn' };
  }
}

const METER_ERROR_HEADLINE: Record<string, string> = {
  CRC: 'The decrypted data failed its check: a wrong AES key, or a damaged frame.',
  NO_KEY: 'The meter is encrypted and no key is known for it.',
  PARSE: 'The telegram could not be read.',
  HCI_CRC: 'The stick delivered a damaged frame.',
  UNSUPPORTED: 'This telegram format is not supported.',
};

/** A meter's last error in words: what it means first, then the decoder's own detail. */
export function meterErrorInWords(error: { code: string; message: string }): string {
  const headline = METER_ERROR_HEADLINE[error.code];
  return headline ? `${headline} (${error.message})` : error.message;
}

export function keyProtectionLabel(protection: 'os-keychain' | 'file-permissions'): string {
  return protection === 'os-keychain' ? 'stored in the OS keychain' : 'protected by file permissions';
}

/**
 * The iM871A's device mode (Get Device Info) in a technician's words. "Other" is the mode a
 * receiving stick is in (it collects meters' telegrams); "Meter" makes it act as a meter itself.
 */
export function stickModeWords(deviceModeName: string): { words: string; ok: boolean } {
  switch (deviceModeName.toLowerCase()) {
    case 'other':
      return { words: 'Receiver — listens to meters', ok: true };
    case 'meter':
      return { words: 'Meter mode — the stick acts as a meter, not as a receiver', ok: false };
    default:
      return { words: `Device mode ${deviceModeName}`, ok: false };
  }
}
