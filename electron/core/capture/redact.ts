// Free text that goes into a capture (MQTT payloads, notes) passes through here first: a
// `sensors/set` command carries meter keys, and a capture is a file that leaves the site. The
// capture's record types accept only `RedactedText` where text from outside goes, so text that
// skipped this step does not compile.

declare const redacted: unique symbol;
/** Text with secrets masked; only `redactText` and `redactPayload` make one. */
export type RedactedText = string & { readonly [redacted]: true };

/** What is shown of a masked secret: its last four characters, as the UI shows a key. */
const KEEP = 4;

/** A JSON string field whose name says it holds a secret, and its value. */
const SECRET_FIELD =
  /("(?:[a-z_]*_)?(?:encryption_?key|aes_?key|key|password|passphrase|key_?passphrase|secret|token)"\s*:\s*")([^"\\]*)"/gi;
/**
 * A run of at least 24 hex digits, optionally with one separator between byte pairs: an AES key
 * however it was typed. Nothing else an API v2 message holds is that long a hex run.
 */
const HEX_RUN = /(?<![0-9a-f])(?:[0-9a-f]{2}[ :_-]?){11,}[0-9a-f]{2}(?![0-9a-f])/gi;

const mask = (value: string): string =>
  `${'*'.repeat(Math.max(0, value.length - KEEP))}${value.slice(-KEEP)}`;

export function redactText(text: string): RedactedText {
  return text
    .replace(SECRET_FIELD, (_all, name: string, value: string) => `${name}${mask(value)}"`)
    .replace(HEX_RUN, (run) => mask(run)) as RedactedText;
}

/**
 * An MQTT payload as capture text: UTF-8 text redacted; anything else (binary) by its size only,
 * since bytes cannot be checked for a key.
 */
export function redactPayload(payload: Buffer): RedactedText {
  const text = payload.toString('utf8');
  // Replacement characters mean it was not valid UTF-8; control characters mean it is not text.
  // eslint-disable-next-line no-control-regex
  if (text.includes('\uFFFD') || /[\u0000-\u0008\u000E-\u001F]/.test(text)) {
    return `<binary, ${payload.length} bytes>` as RedactedText;
  }
  return redactText(text);
}
