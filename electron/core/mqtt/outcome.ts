import type { IConnackPacket, IDisconnectPacket } from 'mqtt';
import { explainConnack, isTransientRefusal } from '../../../shared/mqtt/connack-codes';
import { explainFailure } from '../../../shared/mqtt/network-errors';
import { explainReasonCode } from '../../../shared/mqtt/reason-codes';
import type { ConnectionOutcome, TlsDetails } from '../../../shared/mqtt/types';
import type { ConnectPlan } from './connect-options';
import { jsonSafeProperties } from './properties';
import { redactSecrets } from './redact';

// Pure: turns what happened on a connection (a CONNACK, an error, a DISCONNECT) into words.

export interface OutcomeContext {
  plan: Pick<
    ConnectPlan,
    | 'host'
    | 'port'
    | 'endpoint'
    | 'protocolVersion'
    | 'clientId'
    | 'credentials'
    | 'certificateName'
    | 'connectTimeoutMs'
    | 'secrets'
  >;
  now: Date;
  tls: TlsDetails | null;
}

function base(
  ctx: OutcomeContext,
): Pick<ConnectionOutcome, 'protocolVersion' | 'endpoint' | 'clientId' | 'at' | 'tls'> {
  return {
    protocolVersion: ctx.plan.protocolVersion,
    endpoint: ctx.plan.endpoint,
    clientId: ctx.plan.clientId,
    at: ctx.now.toISOString(),
    tls: ctx.tls,
  };
}

/** The CONNACK: accepted (code 0) or refused, in words with a hint. */
export function connackOutcome(ctx: OutcomeContext, connack: IConnackPacket): ConnectionOutcome {
  const version = ctx.plan.protocolVersion;
  const code = (version === 5 ? connack.reasonCode : connack.returnCode) ?? 0;
  const words = explainConnack(code, version);
  const ok = code === 0;
  let hint = words.hint;
  if (!ok && isCredentialCode(code, version)) hint = `${hint} ${credentialsNote(ctx.plan.credentials)}`;
  const reasonString = connack.properties?.reasonString;
  return {
    ...base(ctx),
    ok,
    kind: ok ? 'accepted' : 'refused',
    code,
    text: reasonString
      ? `${words.text} The broker says: "${redactSecrets(reasonString, ctx.plan.secrets)}".`
      : words.text,
    hint,
    error: null,
    retryable: ok || isTransientRefusal(code, version),
    sessionPresent: ok ? connack.sessionPresent : null,
    brokerProperties: brokerProperties(connack.properties, ctx),
  };
}

/** MQTT 5 properties as JSON; texts (reason string, server reference) redacted like everything else. */
function brokerProperties(
  properties: object | undefined,
  ctx: OutcomeContext,
): Record<string, unknown> | null {
  const json = jsonSafeProperties(properties);
  if (!json) return null;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      typeof value === 'string' ? redactSecrets(value, ctx.plan.secrets) : value,
    ]),
  );
}

function isCredentialCode(code: number, version: 4 | 5): boolean {
  return version === 5 ? code === 0x86 || code === 0x87 : code === 4 || code === 5;
}

function credentialsNote(credentials: ConnectPlan['credentials']): string {
  if (credentials.username === null)
    return 'The profile sends no user name (anonymous login): add username and password.';
  return credentials.hasPassword
    ? `The profile sends user name "${credentials.username}" with a password.`
    : `The profile sends user name "${credentials.username}" without a password: add password.`;
}

/** Our code for an error: Node's own code when it has one, else one of the app's ERR_… codes. */
export function failureCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  // Node's words (code ECONNRESET) when the peer hangs up during the TLS handshake.
  if (/before secure TLS connection was established/i.test(message)) return 'ERR_TLS_HANDSHAKE_CLOSED';
  if (typeof code === 'string' && code.length > 0) return code;
  if (/connack timeout/i.test(message)) return 'ERR_CONNACK_TIMEOUT';
  if (/keepalive timeout/i.test(message)) return 'ERR_KEEPALIVE_TIMEOUT';
  if (/TLS not authorized/i.test(message)) return 'ERR_TLS_NOT_AUTHORIZED';
  if (/Unexpected server response/i.test(message)) return 'ERR_WS_UNEXPECTED_RESPONSE';
  // MQTT.js's ErrorWithReasonCode (numeric code): protocol breaches detected by the client.
  if (typeof code === 'number') return 'ERR_MQTT_PROTOCOL';
  return 'ERR_UNKNOWN';
}

/** A connection that failed before or without a CONNACK: network, TLS, timeout, configuration. */
export function failureOutcome(
  ctx: OutcomeContext,
  error: unknown,
  code = failureCode(error),
): ConnectionOutcome {
  const info = explainFailure(code, {
    host: ctx.plan.host,
    port: ctx.plan.port,
    name: ctx.plan.certificateName,
    timeoutSeconds: Math.round(ctx.plan.connectTimeoutMs / 100) / 10,
  });
  const message = cleanMessage(
    redactSecrets(error instanceof Error ? error.message : String(error), ctx.plan.secrets),
  );
  return {
    ...base(ctx),
    ok: false,
    kind: info.kind,
    code: null,
    text: `${info.text}${certificateFacts(code, error, ctx)}`,
    hint: info.hint,
    error: { code, message },
    retryable: info.retryable,
    sessionPresent: null,
    brokerProperties: null,
  };
}

/** OpenSSL's "80FC…:error:0A00045C:SSL routines:fn:reason:file:line:SSL alert number 116" → "reason (SSL alert 116)". */
export function cleanMessage(message: string): string {
  const openssl = /error:[0-9A-F]+:[^:]*:[^:]*:([^:\n]+)(?::[^\n]*?SSL alert number (\d+))?/.exec(message);
  if (openssl) return `${openssl[1]}${openssl[2] ? ` (SSL alert ${openssl[2]})` : ''}`;
  return message.trim();
}

/** Adds what the broker's certificate says to the words for certificate errors. */
function certificateFacts(code: string, error: unknown, ctx: OutcomeContext): string {
  const cert = (error as { cert?: { subjectaltname?: string } } | null)?.cert;
  const peer = ctx.tls?.peer;
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = cert?.subjectaltname ?? peer?.subjectAltNames.join(', ');
    return names ? ` It lists: ${names}.` : '';
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    const validity = peer ? ` It is valid from ${peer.validFrom} to ${peer.validTo};` : '';
    return `${validity} this computer's clock says ${ctx.now.toISOString()}.`;
  }
  if (peer && !ctx.tls?.authorized) {
    return ` The broker presents "${peer.subject}", issued by "${peer.issuer}".`;
  }
  return '';
}

/** Why an accepted connection ended: a broker DISCONNECT (MQTT 5), an error, or a plain close. */
export function lostOutcome(
  ctx: OutcomeContext,
  cause: { disconnect: IDisconnectPacket | null; error: unknown },
): ConnectionOutcome {
  const { disconnect, error } = cause;
  if (disconnect && (disconnect.reasonCode ?? 0) !== 0) {
    const code = disconnect.reasonCode ?? 0;
    const words = explainReasonCode(code, 'disconnect');
    const reasonString = disconnect.properties?.reasonString;
    const fatal = code === 0x8a || code === 0x9d || code === 0x9c;
    return {
      ...base(ctx),
      ok: false,
      kind: 'closed',
      code,
      text: `The broker ended the session: ${words.text}${reasonString ? ` It says: "${redactSecrets(reasonString, ctx.plan.secrets)}".` : ''}`,
      hint: words.hint,
      error: { code: 'ERR_SERVER_DISCONNECT', message: `DISCONNECT reason code ${code} (${words.name})` },
      retryable: !fatal,
      sessionPresent: null,
      brokerProperties: brokerProperties(disconnect.properties, ctx),
    };
  }
  if (error) return { ...failureOutcome(ctx, error), retryable: true };
  return failureOutcome(ctx, new Error('connection closed by the broker'), 'ERR_CONNECTION_CLOSED');
}

/**
 * The broker accepted us and closed again soon after, `times` times in a row: most likely a
 * second client with the same client id (the broker disconnects the older one).
 */
export function repeatedKickOutcome(ctx: OutcomeContext, times: number): ConnectionOutcome {
  const outcome = failureOutcome(ctx, new Error('connection closed by the broker'), 'ERR_KICKED_REPEATEDLY');
  return { ...outcome, text: `${outcome.text} (${times} times in a row, client id "${ctx.plan.clientId}")` };
}

/**
 * The broker closed the connection again while the same message waited for its acknowledgement:
 * name it (a broker that cannot take a message often disconnects instead of refusing it).
 */
export function withSuspectHint(
  outcome: ConnectionOutcome,
  entry: { id: number; topic: string; payload: { byteLength: number } },
  strikes: number,
): ConnectionOutcome {
  const hint =
    `The last ${strikes} times, message #${entry.id} (topic "${entry.topic}", ${entry.payload.byteLength} bytes) was waiting ` +
    'for its acknowledgement when the broker closed the connection: it may be larger than the broker allows (Mosquitto: ' +
    'message_size_limit) or forbidden for this user. If so, discard it from the outbox so the messages behind it can go.';
  // First: it is more specific evidence than the general causes of a closed connection.
  return { ...outcome, hint: outcome.hint ? `${hint} ${outcome.hint}` : hint };
}

/** The session was stopped on purpose. */
export function stoppedOutcome(ctx: OutcomeContext): ConnectionOutcome {
  return {
    ...base(ctx),
    ok: false,
    kind: 'stopped',
    code: null,
    text: 'Disconnected on request.',
    hint: null,
    error: null,
    retryable: false,
    sessionPresent: null,
    brokerProperties: null,
  };
}
