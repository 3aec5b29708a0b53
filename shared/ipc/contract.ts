import { z } from 'zod';
import {
  ExplainedTelegramSchema,
  ExplainRequestSchema,
  GatewayEventSchema,
  GatewayStartSchema,
  GatewayStatusSchema,
  MeterAddSchema,
  PublishRequestSchema,
  SubscribeRequestSchema,
  SerialPortViewSchema,
} from '../gateway';
import { KemFileInputSchema, KemImportRequestSchema, KemImportResultSchema, KemPreviewSchema } from '../kem';
import { CaptureListSchema, ReplayControlSchema, ReplayOpenSchema } from '../capture';
import { MeterIdSchema } from '../meter-schemas';
import {
  ConnectionOutcomeSchema,
  IncomingMessageSchema,
  PublishResultSchema,
  SubscribeResultSchema,
} from '../mqtt/types';
import {
  FilePickResultSchema,
  FilePickSchema,
  ProfileDeleteSchema,
  ProfileFileSchema,
  ProfileSaveSchema,
  ProfileTestSchema,
} from '../profile-form';
import { SettingsViewSchema } from '../settings';
import type { EventStream, RequestMethod } from './names';

export const AppInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  /** Where the settings came from, shown in the header so a technician knows which file is live. */
  settingsSource: z.enum(['explicit', 'user-data', 'development', 'none']),
  /** The OS file dialog can pick certificate files (Electron); absent or false: type the path. */
  filePicker: z.boolean().optional(),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const LogEntrySchema = z.object({
  time: z.string(),
  level: z.enum(['debug', 'info', 'warn', 'error']),
  message: z.string(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;

const noInput = z.undefined();

const HEX_BYTES = /^(?:[0-9a-fA-F]{2})*$/;
const UINT32_MAX = 4_294_967_295;

/**
 * MQTT 5 PUBLISH properties a technician may set by hand (MQTT 5 §3.3.2.3); ignored by a 3.1.1
 * session. Correlation data travels as hex so it can cross IPC; the session turns it into bytes.
 */
export const PublishPropertiesSchema = z.strictObject({
  payloadFormatIndicator: z.boolean().optional(),
  messageExpiryInterval: z.number().int().min(0).max(UINT32_MAX).optional(),
  contentType: z.string().min(1).max(1024).optional(),
  responseTopic: z
    .string()
    .min(1)
    .max(65_535)
    .refine((t) => !/[+#]/.test(t), 'a response topic must not contain the wildcards + or #')
    .optional(),
  correlationData: z
    .string()
    .max(2 * 65_535)
    .regex(HEX_BYTES, 'correlation data is hex: pairs of 0-9 and a-f')
    .optional(),
  /** MQTT 5 allows a name more than once: repeated names carry a list of values. */
  userProperties: z
    .record(z.string().min(1).max(1024), z.union([z.string().max(65_535), z.array(z.string().max(65_535))]))
    .optional(),
});
export type PublishProperties = z.infer<typeof PublishPropertiesSchema>;

/** One request: what the renderer sends and what main answers, both checked at the boundary. */
export interface RequestSpec {
  input: z.ZodType;
  output: z.ZodType;
}

/**
 * Requests: what the renderer may ask of main, with the exact input and output shapes. The one
 * table of requests: the method names (names.ts), the renderer's `GatewayApi` (api.ts) and the
 * router's handler table all follow from it. A new request is an entry here, its name in
 * REQUEST_METHODS (the compiler insists) and its handler in electron/core/app/.
 */
export const requestContract = {
  'app.info': { input: noInput, output: AppInfoSchema },
  'settings.get': { input: noInput, output: SettingsViewSchema },
  'settings.reload': { input: noInput, output: SettingsViewSchema },
  /** The profile form: the file's profiles as written, secrets only as set / not set. */
  'profiles.read': { input: noInput, output: ProfileFileSchema },
  /** Writes one profile into the same file (atomic, .bak); CONFLICT when the file changed since it was read. */
  'profiles.save': { input: ProfileSaveSchema, output: ProfileFileSchema },
  'profiles.delete': { input: ProfileDeleteSchema, output: ProfileFileSchema },
  /** Connects once with a saved profile or the form's values, then disconnects: no stick, no gateway id. */
  'profiles.test': { input: ProfileTestSchema, output: ConnectionOutcomeSchema },
  /** The OS file dialog for a certificate or key file (Electron only). */
  'dialog.pickFile': { input: FilePickSchema, output: FilePickResultSchema },
  /** Serial ports, the iM871A first, plus the virtual stick. */
  'ports.list': { input: noInput, output: z.array(SerialPortViewSchema) },
  'gateway.status': { input: noInput, output: GatewayStatusSchema },
  /** Starts stick + session + pipeline for a profile (the demo starts its own broker). */
  'gateway.start': { input: GatewayStartSchema, output: GatewayStatusSchema },
  'gateway.stop': { input: noInput, output: GatewayStatusSchema },
  /** Both answer with a fresh status, so the screen never shows an older list after the change. */
  'meters.add': { input: MeterAddSchema, output: GatewayStatusSchema },
  'meters.remove': { input: z.object({ deviceId: MeterIdSchema }), output: GatewayStatusSchema },
  /** The meters a KEM key file lists (never their keys); a wrong password or another kind of file in words. */
  'kem.preview': { input: KemFileInputSchema, output: KemPreviewSchema },
  /** Monitors the chosen meters of a KEM file; another key is replaced only for the ids in `replace`. */
  'kem.import': { input: KemImportRequestSchema, output: KemImportResultSchema },
  /** Manual testing through the running gateway's session (its outbox, its reconnects). */
  'mqtt.publish': {
    input: PublishRequestSchema.extend({ properties: PublishPropertiesSchema.optional() }),
    output: PublishResultSchema,
  },
  'mqtt.subscribe': { input: SubscribeRequestSchema, output: SubscribeResultSchema },
  'mqtt.unsubscribe': {
    input: z.object({ topic: z.string().min(1) }),
    output: z.object({ ok: z.boolean(), message: z.string().nullable() }),
  },
  /** The byte-level explanation of pasted hex, one entry per frame found. */
  'telegram.explain': { input: ExplainRequestSchema, output: z.array(ExplainedTelegramSchema) },
  /** Records the running gateway into the user-data folder's captures/ (the status names the file). */
  'capture.start': { input: noInput, output: GatewayStatusSchema },
  'capture.stop': { input: noInput, output: GatewayStatusSchema },
  /** The files in the captures folder, newest first. */
  'capture.list': { input: noInput, output: CaptureListSchema },
  /** Stops the gateway and replays a file of the captures folder, read-only; gateway.stop ends it. */
  'replay.open': { input: ReplayOpenSchema, output: GatewayStatusSchema },
  'replay.control': { input: ReplayControlSchema, output: GatewayStatusSchema },
} satisfies Record<`${string}.${string}`, RequestSpec>;

/** Event streams: what main pushes to the renderer, delivered in batches. */
export const eventContract = {
  'settings.changed': SettingsViewSchema,
  log: LogEntrySchema,
  'gateway.status': GatewayStatusSchema,
  'gateway.event': GatewayEventSchema,
  /** Every message the running session receives (previews, never silently truncated). */
  'mqtt.message': IncomingMessageSchema,
} satisfies Record<EventStream, z.ZodType>;

/** What the renderer sends (defaults may be left out). */
export type RequestInput<M extends RequestMethod> = z.input<(typeof requestContract)[M]['input']>;
/** What a handler in main receives: the input after validation, defaults filled in. */
export type ValidatedInput<M extends RequestMethod> = z.output<(typeof requestContract)[M]['input']>;
export type RequestOutput<M extends RequestMethod> = z.output<(typeof requestContract)[M]['output']>;
export type EventPayload<S extends EventStream> = z.output<(typeof eventContract)[S]>;

export type BridgeEvent = { [S in EventStream]: { stream: S; payload: EventPayload<S> } }[EventStream];

/**
 * How the page's link to the core changed. The web bridge reports `lost` when its WebSocket closes
 * (requests then fail with DISCONNECTED) and `restored` when it is open again (events sent meanwhile
 * are gone: read the state again). Electron's IPC cannot drop, so under Electron it is never sent.
 */
export type BridgeLinkChange = 'lost' | 'restored';

/** One delivery of events; `dropped` counts events discarded because the renderer fell behind. */
export interface EventBatch {
  events: BridgeEvent[];
  dropped: number;
  /** Set only on the (empty) batch that reports a change of the link itself. */
  link?: BridgeLinkChange;
}
