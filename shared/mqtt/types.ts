import { z } from 'zod';

// What an MQTT session tells the UI: states, connection outcomes, publish and subscribe results,
// received messages. Plain JSON (no Buffers), so the IPC contract can carry them as they are.

export const ProtocolVersionSchema = z.union([z.literal(4), z.literal(5)]);
export const QosSchema = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type Qos = z.infer<typeof QosSchema>;

export const SESSION_STATES = [
  'idle',
  'connecting',
  'connected',
  'reconnecting',
  'closed',
  'refused',
  'failed',
] as const;
export const SessionStateSchema = z.enum(SESSION_STATES);
export type SessionState = z.infer<typeof SessionStateSchema>;

export const CertificateSummarySchema = z.object({
  subject: z.string(),
  issuer: z.string(),
  /** DNS:… and IP Address:… entries, as the certificate lists them. */
  subjectAltNames: z.array(z.string()),
  validFrom: z.string(),
  validTo: z.string(),
  serialNumber: z.string(),
  fingerprint256: z.string(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

export const TlsDetailsSchema = z.object({
  /** e.g. "TLSv1.3". */
  protocol: z.string().nullable(),
  cipher: z.string().nullable(),
  alpnProtocol: z.string().nullable(),
  /** The name sent as SNI and checked against the certificate; null for an IP address. */
  servername: z.string().nullable(),
  /** Whether the certificate chain was verified. */
  authorized: z.boolean(),
  authorizationError: z.string().nullable(),
  /** tls_insecure: verification switched off on purpose. */
  insecure: z.boolean(),
  peer: CertificateSummarySchema.nullable(),
});
export type TlsDetails = z.infer<typeof TlsDetailsSchema>;

export const OutcomeKindSchema = z.enum([
  'accepted',
  'refused',
  'network',
  'tls',
  'timeout',
  'closed',
  'protocol',
  'config',
  'stopped',
]);
export type OutcomeKind = z.infer<typeof OutcomeKindSchema>;

export const OutcomeErrorSchema = z.object({ code: z.string(), message: z.string() });
export type OutcomeError = z.infer<typeof OutcomeErrorSchema>;

/** The result of a connection attempt, or why an accepted connection ended, in words. */
export const ConnectionOutcomeSchema = z.object({
  ok: z.boolean(),
  kind: OutcomeKindSchema,
  /** The CONNACK return code (3.1.1) or reason code (5); for a lost connection the DISCONNECT reason. */
  code: z.number().int().nullable(),
  protocolVersion: ProtocolVersionSchema,
  text: z.string(),
  hint: z.string().nullable(),
  /** A network or TLS failure (Node's code, or the app's ERR_…); null for broker answers. */
  error: OutcomeErrorSchema.nullable(),
  tls: TlsDetailsSchema.nullable(),
  /** Whether the session tries again on its own. */
  retryable: z.boolean(),
  endpoint: z.string(),
  clientId: z.string(),
  sessionPresent: z.boolean().nullable(),
  /** MQTT 5 CONNACK / DISCONNECT properties worth showing (reason string, server reference, limits). */
  brokerProperties: z.record(z.string(), z.unknown()).nullable(),
  at: z.string(),
});
export type ConnectionOutcome = z.infer<typeof ConnectionOutcomeSchema>;

export const OutboxStatsSchema = z.object({
  count: z.number().int(),
  bytes: z.number().int(),
  maxMessages: z.number().int(),
  maxBytes: z.number().int(),
  /** null when the outbox is kept in memory only. */
  file: z.string().nullable(),
});
export type OutboxStats = z.infer<typeof OutboxStatsSchema>;

export const SessionStatusSchema = z.object({
  profile: z.string(),
  state: SessionStateSchema,
  at: z.string(),
  /** Connection attempts since the last stable connection. */
  attempt: z.number().int(),
  /** When the next attempt starts (state reconnecting). */
  retryAt: z.string().nullable(),
  /** Why we are in this state (the last attempt's or the lost connection's outcome). */
  outcome: ConnectionOutcomeSchema.nullable(),
  outbox: OutboxStatsSchema,
});
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

export const PUBLISH_STATES = ['queued', 'sent', 'acknowledged', 'failed', 'rejected'] as const;
export const PublishStateSchema = z.enum(PUBLISH_STATES);
export type PublishState = z.infer<typeof PublishStateSchema>;

/** The original gateway's (paho) publish result codes, kept visible next to the richer state. */
export { GATEWAY_RESULT_TEXT } from './result-codes';

export const PublishResultSchema = z.object({
  /** Stable id in the outbox (survives restarts). */
  outboxId: z.number().int(),
  /** MQTT packet id of the last transmission; null for QoS 0 or before it was sent. */
  messageId: z.number().int().nullable(),
  topic: z.string(),
  qos: QosSchema,
  retain: z.boolean(),
  payloadBytes: z.number().int(),
  state: PublishStateSchema,
  /** Original gateway (paho) vocabulary: 0 success, 3 invalid, 4 no connection (kept queued), 15 queue full. */
  result: z.number().int(),
  resultText: z.string(),
  /** PUBACK (QoS 1) or PUBCOMP (QoS 2) with its MQTT 5 reason code (0 in 3.1.1). */
  ack: z
    .object({
      packet: z.enum(['PUBACK', 'PUBREC', 'PUBCOMP']),
      reasonCode: z.number().int(),
      text: z.string(),
      hint: z.string().nullable(),
    })
    .nullable(),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().nullable() }).nullable(),
  at: z.string(),
});
export type PublishResult = z.infer<typeof PublishResultSchema>;

export const SubscriptionGrantSchema = z.object({
  topic: z.string(),
  requestedQos: QosSchema,
  /** null when refused. */
  grantedQos: QosSchema.nullable(),
  /** SUBACK code: 0–2 granted, 0x80 (3.1.1) or ≥ 0x80 (5) refused. */
  code: z.number().int().nullable(),
  text: z.string(),
  hint: z.string().nullable(),
});
export type SubscriptionGrant = z.infer<typeof SubscriptionGrantSchema>;

export const SubscribeResultSchema = z.object({
  ok: z.boolean(),
  topics: z.array(SubscriptionGrantSchema),
  error: z.object({ code: z.string(), message: z.string(), hint: z.string().nullable() }).nullable(),
  at: z.string(),
});
export type SubscribeResult = z.infer<typeof SubscribeResultSchema>;

export const PayloadPreviewSchema = z.object({
  format: z.enum(['empty', 'text', 'json', 'binary']),
  /** Size of the whole payload in bytes. */
  size: z.number().int(),
  /** Text or JSON as received (never reformatted); null for binary. */
  text: z.string().nullable(),
  /** Hex bytes ("7b 22 …"), for binary payloads. */
  hex: z.string().nullable(),
  /** True when text/hex shows only the first `shownBytes` of `size` bytes. */
  truncated: z.boolean(),
  shownBytes: z.number().int(),
});
export type PayloadPreview = z.infer<typeof PayloadPreviewSchema>;

export const IncomingMessageSchema = z.object({
  topic: z.string(),
  qos: QosSchema,
  retain: z.boolean(),
  dup: z.boolean(),
  payload: PayloadPreviewSchema,
  /** MQTT 5 properties (binary ones as hex); null under 3.1.1 or when there are none. */
  properties: z.record(z.string(), z.unknown()).nullable(),
  receivedAt: z.string(),
});
export type IncomingMessage = z.infer<typeof IncomingMessageSchema>;
