import { z } from 'zod';
import { CaptureStatusSchema, ReplayStatusSchema } from './capture';
import { DEFAULT_LINK_MODE, LINK_MODE_NAMES } from './link-modes';
import { AesKeySchema, ManufacturerKeySchema, MeterIdSchema } from './meter-schemas';
import { SessionStatusSchema } from './mqtt/types';
import { STICK_KINDS } from './stick-kinds';
import { SurveySchema } from './survey';

// What the gateway (stick → decode → API v2 → broker) tells the UI. Plain JSON, no secrets: keys
// appear only as their last four hex digits.

export const LinkModeSchema = z.enum(LINK_MODE_NAMES);
export type { LinkMode } from './link-modes';

/** A value of a meter driver's field: a number in its unit, or text (a status in words, unit ''). */
export const MeasurementSchema = z.object({ value: z.union([z.number(), z.string()]), unit: z.string() });
/** Values by the driver's field names (OmniPower: 'A+', 'A-', 'P+', 'P-'). */
export const MeterValuesSchema = z.record(z.string(), MeasurementSchema);
export type MeterValuesView = z.infer<typeof MeterValuesSchema>;

/** The meter driver that decodes a meter: its fields, and whether ReMoni API v2 can publish them. */
export const MeterDriverSchema = z.object({
  /** 'omnipower', 'multical21', 'generic', … */
  name: z.string(),
  label: z.string(),
  published: z.boolean(),
  /** Why the meter's values are not published (API v2 has no channels for it), or null. */
  unpublishedReason: z.string().nullable(),
  fields: z.array(z.object({ name: z.string(), label: z.string(), unit: z.string() })),
});
export type MeterDriverView = z.infer<typeof MeterDriverSchema>;

export const TelegramErrorSchema = z.object({
  code: z.enum(['PARSE', 'HCI_CRC', 'UNKNOWN_METER', 'NO_KEY', 'CRC', 'UNSUPPORTED']),
  message: z.string(),
  likelyCause: z.enum(['wrong-key', 'corrupted']).optional(),
});

export const MeterStateSchema = z.object({
  deviceId: z.string(),
  manufacturer: z.string().nullable(),
  medium: z.string().nullable(),
  /** Known from the meter's header as soon as it is heard, before any value is decoded. */
  driver: MeterDriverSchema.nullable(),
  monitored: z.boolean(),
  values: MeterValuesSchema.nullable(),
  valuesAt: z.string().nullable(),
  lastSeen: z.string().nullable(),
  rssi: z.number().nullable(),
  rssiDbm: z.number().nullable(),
  counts: z.object({
    ok: z.number(),
    crc: z.number(),
    wrongKey: z.number(),
    noKey: z.number(),
    other: z.number(),
  }),
  lastError: z.object({ code: z.string(), message: z.string(), at: z.string() }).nullable(),
});
export type MeterStateView = z.infer<typeof MeterStateSchema>;

export const MonitoredMeterSchema = z.object({
  deviceId: z.string(),
  manufacturerKey: z.string(),
  manufacturerDeviceKey: z.string().nullable(),
  /** Who put it there: a cloud command, the technician by hand, or an imported KEM key file. */
  source: z.enum(['cloud', 'manual', 'kem']),
  addedAt: z.string(),
  /** The key's last four hex digits; the key itself never leaves main. */
  keyHint: z.string(),
  keyProtection: z.enum(['os-keychain', 'file-permissions']),
});
export type MonitoredMeterView = z.infer<typeof MonitoredMeterSchema>;

export const StickStatusSchema = z.object({
  state: z.enum(['closed', 'opening', 'ready', 'receiving', 'unplugged', 'error']),
  path: z.string(),
  reason: z.string().optional(),
});

export const StickKindSchema = z.enum(STICK_KINDS);

/** What a stick said about itself, the same fields for every kind (docs/ARCHITECTURE.md § Sticks). */
export const StickInfoSchema = z.object({
  kind: StickKindSchema,
  /** "iM871A", "iU891A-XL", … */
  module: z.string(),
  /** As the maker prints it: "0x14" for an iM871A, "1.3.2" for an iU891A. */
  firmware: z.string(),
  uniqueId: z.string(),
  /** The link modes this stick (model and firmware) can listen in. */
  linkModes: z.array(LinkModeSchema),
  /** Kind-specific facts in words, e.g. "device mode" → "Other". */
  details: z.record(z.string(), z.string()),
});

export const GatewayStatusSchema = z.object({
  /** Increases with every snapshot: a snapshot older than one already shown is ignored. */
  revision: z.number().int(),
  running: z.boolean(),
  profile: z.string().nullable(),
  demo: z.boolean(),
  /** host:port actually used (for the demo, its in-process broker). */
  broker: z.string().nullable(),
  port: z.string().nullable(),
  linkMode: LinkModeSchema.nullable(),
  gatewayId: z.string().nullable(),
  session: SessionStatusSchema.nullable(),
  stick: StickStatusSchema.nullable(),
  stickInfo: StickInfoSchema.nullable(),
  meters: z.array(MeterStateSchema),
  monitored: z.array(MonitoredMeterSchema),
  awaitingEcho: z.number(),
  /** The capture being recorded, if any. */
  capture: CaptureStatusSchema.nullable(),
  /** The replay being shown instead of a live gateway (running is then false), if any. */
  replay: ReplayStatusSchema.nullable(),
  /** Meters in range since the last Start (kept after Stop until the next); null before any Start. */
  survey: SurveySchema.nullable(),
});
export type GatewayStatus = z.infer<typeof GatewayStatusSchema>;

export const GatewayEventSchema = z.discriminatedUnion('event', [
  z.object({
    event: z.literal('telegram'),
    at: z.string(),
    deviceId: z.string().nullable(),
    monitored: z.boolean(),
    ok: z.boolean(),
    /** The driver that decoded the values; null when nothing was decoded. */
    driver: z.string().nullable(),
    values: MeterValuesSchema.nullable(),
    /** Whether the values went to API v2; when not, for a decoded telegram, why. */
    published: z.boolean(),
    unpublishedReason: z.string().nullable(),
    rssiDbm: z.number().nullable(),
    error: TelegramErrorSchema.nullable(),
  }),
  z.object({
    event: z.literal('command'),
    at: z.string(),
    meters: z.array(z.string()),
    rejected: z.array(z.object({ index: z.number(), deviceId: z.string().nullable(), reason: z.string() })),
  }),
  z.object({ event: z.literal('command-refused'), at: z.string(), error: z.string() }),
  z.object({
    event: z.literal('published'),
    at: z.string(),
    topic: z.string(),
    outboxId: z.number(),
    state: z.enum(['queued', 'sent', 'acknowledged', 'failed', 'rejected']),
    result: z.number(),
    /** The JSON as published: on a message's first report only (later ones change its state). */
    payload: z.string().optional(),
  }),
  z.object({
    event: z.literal('confirmed'),
    at: z.string(),
    topic: z.string(),
    outboxId: z.number(),
    latencyMs: z.number(),
  }),
  z.object({ event: z.literal('echo-unavailable'), at: z.string(), reason: z.string() }),
]);
export type GatewayEventView = z.infer<typeof GatewayEventSchema>;

export const SerialPortViewSchema = z.object({
  path: z.string(),
  label: z.string(),
  /** The stick its USB ids name, or null for any other serial port (probing may still find one). */
  stick: StickKindSchema.nullable(),
  virtual: z.boolean(),
});
export type SerialPortView = z.infer<typeof SerialPortViewSchema>;

export const GatewayStartSchema = z.object({
  profile: z.string().min(1).max(200),
  port: z.string().min(1).max(4096),
  linkMode: LinkModeSchema.default(DEFAULT_LINK_MODE),
  /** Which stick driver to use; 'auto' finds out from the USB ids, then by probing. */
  stick: z.enum(['auto', ...STICK_KINDS]).default('auto'),
});

export const MeterAddSchema = z.object({
  deviceId: MeterIdSchema,
  /** Checked in main and never echoed back. */
  key: AesKeySchema,
  manufacturerKey: ManufacturerKeySchema.default('kam'),
});

export const PublishRequestSchema = z.object({
  topic: z.string().min(1).max(65_535),
  /** Text as typed in the composer (JSON or anything else); at most 256 KiB. */
  payload: z.string().max(256 * 1024),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
  retain: z.boolean().default(false),
});

export const SubscribeRequestSchema = z.object({
  topic: z.string().min(1).max(65_535),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
});

export const ExplainRequestSchema = z.object({
  /** Hex as pasted: HCI frames, the pipe form, or a wM-Bus frame from L; separators ignored. */
  hex: z.string().max(64 * 1024),
  /** A key to try for this telegram; the monitored meters' keys are used too. */
  key: AesKeySchema.optional(),
});

export const ExplainedFieldSchema = z.object({
  offset: z.number().int(),
  length: z.number().int(),
  hex: z.string(),
  name: z.string(),
  meaning: z.string(),
  check: z.object({ ok: z.boolean(), detail: z.string() }).optional(),
});

export const ExplainedTelegramSchema = z.object({
  framing: z.string().nullable(),
  offset: z.number().int(),
  ok: z.boolean(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  meter: z
    .object({
      id: z.string(),
      manufacturer: z.string(),
      version: z.number(),
      type: z.number(),
      medium: z.string(),
    })
    .nullable(),
  /** The driver for the meter in the header, whether or not its values could be decoded. */
  driver: MeterDriverSchema.nullable(),
  values: MeterValuesSchema.nullable(),
  rssiDbm: z.number().nullable(),
  /** Offsets count from the start of the pasted bytes. */
  fields: z.array(ExplainedFieldSchema),
});
export type ExplainedTelegramView = z.infer<typeof ExplainedTelegramSchema>;
