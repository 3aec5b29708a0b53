import type { ReplayPacer, ReplayItem } from '../capture';
import type { ReceivedTelegram } from '../stick';
import type { TelegramSource } from '../gateway/pipeline';
import { HexInputError, parseHexInput, splitTelegramInput } from '../inspect';

/** Spacing of telegrams a file gives no times for (HCI dumps, simulations without +seconds). */
export const UNTIMED_SPACING_MS = 1000;
/** At full speed, the loop lets the event loop breathe every so many telegrams. */
const BREATHE_EVERY = 64;

export interface ReplayProgress {
  telegrams: number;
  problems: Array<{ line: number; message: string }>;
  problemCount: number;
  finished: boolean;
}

const MAX_PROBLEMS_KEPT = 20;

/**
 * Plays a file's telegrams to the gateway pipeline as the stick would: each as a ReceivedTelegram
 * (frame from C, RSSI), at its recorded time as the pacer lets it through. A stick frame whose CRC
 * failed is left out, as the stick driver drops it; lines that cannot be read are counted.
 */
export class ReplaySource implements TelegramSource {
  readonly progress: ReplayProgress = { telegrams: 0, problems: [], problemCount: 0, finished: false };
  private readonly listeners = new Set<(telegram: ReceivedTelegram) => void>();

  constructor(
    private readonly items: AsyncGenerator<ReplayItem>,
    private readonly pacer: ReplayPacer,
    private readonly onProgress: () => void,
  ) {}

  on(_event: 'telegram', listener: (telegram: ReceivedTelegram) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reads and plays until the file ends or the pacer is stopped. Never throws. */
  async play(): Promise<void> {
    let last = 0;
    try {
      for await (const item of this.items) {
        if (item.kind === 'problem') {
          this.problem(item.line, item.message);
          continue;
        }
        const t = item.t ?? last + UNTIMED_SPACING_MS;
        last = t;
        if (!(await this.pacer.until(t))) break;
        this.emitFrames(item.hex, item.line);
        if (this.pacer.speed === null && this.progress.telegrams % BREATHE_EVERY === 0)
          await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.problem(0, `the replay stopped: ${(error as Error).message}`);
    } finally {
      await this.items.return(undefined);
      this.progress.finished = true;
      this.onProgress();
    }
  }

  private emitFrames(hex: string, line: number): void {
    let bytes: Buffer;
    try {
      bytes = parseHexInput(hex);
    } catch (error) {
      const why = error instanceof HexInputError ? error.message : String(error);
      return this.problem(line, `line ${line}: ${why}`);
    }
    for (const found of splitTelegramInput(bytes)) {
      if (found.kind === 'problem') {
        if (found.code === 'PARSE') this.problem(line, `line ${line}: ${found.message}`);
        continue;
      }
      this.progress.telegrams++;
      const telegram: ReceivedTelegram = { frame: found.frame, receivedAt: Date.now() };
      if (found.rssi !== null) telegram.rssi = found.rssi;
      if (found.rssiDbm !== null) telegram.rssiDbm = found.rssiDbm;
      if (found.timestamp !== null) telegram.timestamp = found.timestamp;
      for (const listener of this.listeners) listener(telegram);
    }
  }

  private problem(line: number, message: string): void {
    this.progress.problemCount++;
    if (this.progress.problems.length < MAX_PROBLEMS_KEPT) this.progress.problems.push({ line, message });
    this.onProgress();
  }
}
