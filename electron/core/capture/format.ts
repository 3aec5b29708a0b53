import type { RedactedText } from './redact';

// The capture format, version 1 (docs/ARCHITECTURE.md § Captures): JSON Lines, a header line, then
// one record per line, each with `t` (ms since the header's `startedAt`) and `type`. The types
// below are everything a capture can hold: none has a field for a key, a password or a passphrase,
// and `serializeRecord` writes only the fields listed here, whatever else an object carries.

export const CAPTURE_FORMAT = 'gdcap';
export const CAPTURE_VERSION = 1;

/**
 * The stick's own facts, as it reported them (no serial numbers beyond its module id). `kind` says
 * which protocol the `rx` bytes speak. Captures written before the iU891A carry the iM871A's
 * fields instead (moduleName, firmwareVersion, hciVersion, deviceId); readers ignore these facts.
 */
export interface CaptureStickInfo {
  kind: string;
  module: string;
  firmware: string;
  uniqueId: string;
}

export interface CaptureHeader {
  format: typeof CAPTURE_FORMAT;
  version: typeof CAPTURE_VERSION;
  /** The recording program and its version. */
  app: string;
  startedAt: string;
  /** Serial path or `virtual`. */
  port: string;
  linkMode: string | null;
  profile: string | null;
  demo: boolean;
  gatewayId: string | null;
  /** host:port of the broker. */
  broker: string | null;
  stick: CaptureStickInfo | null;
  /** Whether `rx` records hold the serial bytes: replay then re-frames them as the stick driver did. */
  raw: boolean;
}

interface At {
  /** Milliseconds since the header's startedAt. */
  t: number;
}

export interface RxRecord extends At {
  type: 'rx';
  /** The bytes of one serial read, as read. */
  hex: string;
}

export interface TelegramRecord extends At {
  type: 'telegram';
  /** The wM-Bus frame from the C field, as the stick delivered it. */
  frame: string;
  rssi: number | null;
  rssiDbm: number | null;
  stickTime: number | null;
  deviceId: string | null;
  monitored: boolean;
  ok: boolean;
  driver: string | null;
  values: Record<string, { value: number | string; unit: string }> | null;
  error: { code: string; message: string; likelyCause?: string } | null;
  published: boolean;
  unpublishedReason: string | null;
}

interface MqttMessageFields extends At {
  topic: string;
  qos: 0 | 1 | 2;
  retain: boolean;
  /** Payload size in bytes. */
  size: number;
  /** The payload as text, meter keys and other secrets masked (see redact.ts). */
  payload: RedactedText;
}

export interface MqttInRecord extends MqttMessageFields {
  type: 'mqtt-in';
}

export interface MqttOutRecord extends MqttMessageFields {
  type: 'mqtt-out';
}

export interface MqttResultRecord extends At {
  type: 'mqtt-result';
  outboxId: number;
  topic: string;
  qos: 0 | 1 | 2;
  state: string;
  /** The original gateway's result number (0 success, 4 no connection, …) and its words. */
  result: number;
  resultText: string;
  ack: { packet: string; reasonCode: number; text: string } | null;
  error: { code: string; message: string } | null;
}

export interface EchoRecord extends At {
  type: 'echo';
  topic: string;
  outboxId: number;
  latencyMs: number;
}

export interface SessionRecord extends At {
  type: 'session';
  state: string;
  kind: string | null;
  code: number | null;
  text: string | null;
  hint: string | null;
  error: { code: string; message: string } | null;
}

export interface StickRecord extends At {
  type: 'stick';
  state: string;
  path: string;
  reason: string | null;
}

export interface StickInfoRecord extends At, CaptureStickInfo {
  type: 'stick-info';
}

/** Gateway events other than telegrams and publishes: commands from the cloud, echo problems. */
export interface NoteRecord extends At {
  type: 'note';
  event: string;
  /** In words; passed through redaction like a payload. */
  text: RedactedText;
}

/** Records lost because the disk could not keep up. */
export interface GapRecord extends At {
  type: 'gap';
  dropped: number;
}

/** The last line of a capture that was stopped cleanly. */
export interface EndRecord extends At {
  type: 'end';
  records: number;
  dropped: number;
}

export type CaptureRecord =
  | RxRecord
  | TelegramRecord
  | MqttInRecord
  | MqttOutRecord
  | MqttResultRecord
  | EchoRecord
  | SessionRecord
  | StickRecord
  | StickInfoRecord
  | NoteRecord
  | GapRecord
  | EndRecord;

export type CaptureRecordType = CaptureRecord['type'];

type FieldsOf<R> = ReadonlyArray<Exclude<keyof R, 't' | 'type'>>;

const MESSAGE_FIELDS = ['topic', 'qos', 'retain', 'size', 'payload'] as const;
const STICK_INFO_FIELDS = ['kind', 'module', 'firmware', 'uniqueId'] as const;

/** The fields each record type writes, in order: the one list a capture's content comes from. */
const RECORD_FIELDS: { [K in CaptureRecordType]: FieldsOf<Extract<CaptureRecord, { type: K }>> } = {
  rx: ['hex'],
  telegram: [
    'frame',
    'rssi',
    'rssiDbm',
    'stickTime',
    'deviceId',
    'monitored',
    'ok',
    'driver',
    'values',
    'error',
    'published',
    'unpublishedReason',
  ],
  'mqtt-in': MESSAGE_FIELDS,
  'mqtt-out': MESSAGE_FIELDS,
  'mqtt-result': ['outboxId', 'topic', 'qos', 'state', 'result', 'resultText', 'ack', 'error'],
  echo: ['topic', 'outboxId', 'latencyMs'],
  session: ['state', 'kind', 'code', 'text', 'hint', 'error'],
  stick: ['state', 'path', 'reason'],
  'stick-info': STICK_INFO_FIELDS,
  note: ['event', 'text'],
  gap: ['dropped'],
  end: ['records', 'dropped'],
};

const HEADER_FIELDS: ReadonlyArray<keyof CaptureHeader> = [
  'format',
  'version',
  'app',
  'startedAt',
  'port',
  'linkMode',
  'profile',
  'demo',
  'gatewayId',
  'broker',
  'stick',
  'raw',
];

/** One JSON line (without the newline) holding exactly the listed fields of the record. */
export function serializeRecord(record: CaptureRecord): string {
  const fields = RECORD_FIELDS[record.type] as readonly string[];
  const source = record as unknown as Record<string, unknown>;
  const out: Record<string, unknown> = { t: record.t, type: record.type };
  for (const field of fields) out[field] = source[field];
  return JSON.stringify(out);
}

export function serializeHeader(header: CaptureHeader): string {
  const out: Record<string, unknown> = {};
  for (const field of HEADER_FIELDS) out[field] = header[field];
  if (header.stick) out['stick'] = pick(header.stick, STICK_INFO_FIELDS);
  return JSON.stringify(out);
}

function pick<T extends object>(value: T, fields: ReadonlyArray<keyof T>): Partial<T> {
  const out: Partial<T> = {};
  for (const field of fields) out[field] = value[field];
  return out;
}

export function isCaptureRecordType(type: unknown): type is CaptureRecordType {
  return typeof type === 'string' && Object.hasOwn(RECORD_FIELDS, type);
}
