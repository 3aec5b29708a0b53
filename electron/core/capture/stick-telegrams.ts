import { Iu891aTelegrams } from './iu891a-telegrams';
import { HciTelegrams, type ReplayItem } from './replay-item';

/**
 * Serial bytes through the framer of the stick that sent them: the kind the capture names (its
 * header, or a stick-info record), else the first byte read (an iU891A frame starts with a SLIP
 * END, an iM871A frame with A5). Captures from before the iU891A name no kind: they are iM871A's.
 * A raw dump names none either: its first byte decides.
 */
export class StickTelegrams {
  private framer: HciTelegrams | Iu891aTelegrams | null = null;

  constructor(private kind: unknown) {}

  knownKind(kind: unknown): void {
    if (kind === 'im871a' || kind === 'iu891a') this.kind ??= kind;
  }

  push(bytes: Buffer, line: number, t: number | null): ReplayItem[] {
    if (!this.framer) {
      const iu891a = this.kind === 'iu891a' || (this.kind === undefined && bytes[0] === 0xc0);
      this.framer = iu891a ? new Iu891aTelegrams() : new HciTelegrams();
    }
    return this.framer.push(bytes, line, t);
  }
}
