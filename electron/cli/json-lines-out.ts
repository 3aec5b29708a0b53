import type { CliIo } from './io';

const BATCH_CHARS = 64 * 1024;

/**
 * JSON lines for a long stream (a replay of a million telegrams): joined into large writes, each
 * awaited so stdout's back-pressure holds the reader of the file back instead of filling memory.
 */
export class JsonLinesOut {
  private text = '';

  constructor(private readonly io: CliIo) {}

  async write(value: unknown): Promise<void> {
    this.text += `${JSON.stringify(value)}\n`;
    if (this.text.length >= BATCH_CHARS) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.text === '') return;
    const text = this.text;
    this.text = '';
    await this.io.raw(text);
  }
}
