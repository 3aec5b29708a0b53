import type { CliIo } from '../io';
import { JsonBytes } from '../json-bytes';
import { DecodeJson } from './decode-json';
import type { DecodeResult } from './decode-result';

/**
 * Decode results as JSON lines on stdout, gathered into writes of about 64 KiB: the caller adds the
 * results of a line and, when `full`, awaits `flush()`, so stdout's back-pressure holds the reading
 * back instead of filling memory, and no line costs a write or a promise of its own.
 */
export class DecodeOutput {
  private readonly json = new DecodeJson();
  private readonly bytes = new JsonBytes();

  constructor(
    private readonly io: CliIo,
    private readonly chunkBytes = 64 * 1024,
  ) {}

  add(result: DecodeResult): void {
    this.json.write(result, this.bytes);
  }

  get full(): boolean {
    return this.bytes.size >= this.chunkBytes;
  }

  async flush(): Promise<void> {
    if (this.bytes.size === 0) return;
    // raw() resolves once stdout has the bytes: then the same buffer fills again. A fresh buffer per
    // write would cost a new (and, at this size, freshly mapped) allocation every 64 KiB.
    await this.io.raw(this.bytes.view());
    this.bytes.clear();
  }
}
