/** CLI output convention (docs/ARCHITECTURE.md § Command line): JSON Lines on stdout for machines, human text on stderr. */
export interface CliIo {
  /** One JSON line on stdout. */
  out(value: unknown): void;
  /** Plain text on stdout, only for output a user asked for (help). */
  text(text: string): void;
  /**
   * Pre-formatted JSON lines in bulk (text or UTF-8 bytes). Resolves once stdout has taken them, so the
   * caller may reuse the bytes' buffer; waiting for it is also the back-pressure.
   */
  raw(text: string | Uint8Array): Promise<void>;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (value) => process.stdout.write(`${JSON.stringify(value)}\n`),
  text: (text) => process.stdout.write(text),
  raw: (text) => new Promise((resolve) => process.stdout.write(text, () => resolve())),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** A mistake in how the command was called: exit code 2, message on stderr. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, usage: 2 } as const;
