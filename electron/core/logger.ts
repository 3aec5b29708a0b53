export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** Patterns that must never reach a log line (docs/ARCHITECTURE.md § MQTT: MQTT.js debug prints the password). */
const REDACTIONS: Array<[RegExp, string]> = [
  [/(\/\/[^/\s:@]+:)[^@\s/]+@/g, '$1***@'], // user:pass@host in URLs
  [
    // Not inside a longer name: a profile called "wrong-password" is not a password field.
    /((?<![\w-])"?(?:password|passphrase|key_passphrase|encryptionKey|aes_key)"?\s*[:=]\s*)("[^"]*"|'[^']*'|[^\s,}]+)/gi,
    '$1***',
  ],
];

/** Removes credentials from text before it is logged or shown. */
export function redact(text: string): string {
  return REDACTIONS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/** A logger that writes redacted lines to a stream (stderr for the CLI, so stdout stays JSON). */
export function createStreamLogger(
  write: (line: string) => void,
  minLevel: LogLevel = 'info',
  clock: () => Date = () => new Date(),
): Logger {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  const at = (level: LogLevel) => (message: string) => {
    if (order.indexOf(level) < order.indexOf(minLevel)) return;
    write(`${clock().toISOString()} ${level.toUpperCase()} ${redact(message)}\n`);
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
