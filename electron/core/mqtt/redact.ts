import { format } from 'node:util';
import { redact } from '../logger';

/**
 * `redact()` plus the profile's own secrets wherever they appear, whatever the surrounding
 * syntax (MQTT.js prints CONNECT packets with util.inspect, where a password may sit in a Buffer
 * dump or in quotes `redact()` does not know).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = redact(text);
  for (const secret of secrets) {
    if (secret.length === 0) continue;
    out = out.split(secret).join('***');
    // A Buffer dump shows the secret as hex bytes ("<Buffer 68 75 6e …>").
    const hex = Buffer.from(secret, 'utf8')
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    if (hex.length >= 5) out = out.split(hex).join('**');
  }
  return out;
}

/** A `log` function for MQTT.js that formats lazily and writes redacted debug lines. */
export function mqttTraceLog(
  debug: (message: string) => void,
  secrets: readonly string[],
): (...args: unknown[]) => void {
  return (...args) => debug(`mqtt.js: ${redactSecrets(format(...args), secrets)}`);
}
