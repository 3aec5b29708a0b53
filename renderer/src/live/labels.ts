// Words for the codes and states the gateway reports, and the colour (tone) each one deserves.
import type { GatewayEventView, GatewayStatus, LinkMode } from '../../../shared/gateway';
import type { ConnectionOutcome, PublishState, SessionState } from '../../../shared/mqtt/types';
import { GATEWAY_RESULT_TEXT } from '../../../shared/mqtt/result-codes';

export type Tone = 'ok' | 'warn' | 'error' | 'muted' | 'busy';

/** docs/ARCHITECTURE.md § iM871A link modes; C1 format A first because OmniPower was received with it. */
export const LINK_MODE_LABELS: Record<LinkMode, string> = {
  c1a: 'C1 format A',
  c1b: 'C1 format B',
  t1: 'T1',
  c1t1: 'C1 + T1 (firmware ≥ 0x14)',
  c2a: 'C2 format A',
  c2b: 'C2 format B',
  s1: 'S1',
  s1m: 'S1-m',
  s2: 'S2',
  t2: 'T2',
  r2: 'R2',
};

export const LINK_MODES_IN_ORDER = Object.keys(LINK_MODE_LABELS) as LinkMode[];

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
