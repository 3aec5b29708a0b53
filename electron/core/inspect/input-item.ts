/** What the readers of pasted or piped bytes (telegram-input.ts, iu891a-split.ts) find in them. */

export type InputFraming = 'hci' | 'iu891a' | 'seed-pipe' | 'wmbus' | 'wmbus-dll-a' | 'wmbus-dll-b';

export interface StickCrc {
  expected: number;
  actual: number;
  ok: boolean;
  /** False for the pipe form, whose test data carries placeholder CRCs. */
  enforced: boolean;
}

export interface FoundFrame {
  kind: 'frame';
  framing: InputFraming;
  /** Byte offset in the input where this frame's bytes start (for iU891A: the byte after its END). */
  offset: number;
  /** The wM-Bus frame from the C field. */
  frame: Buffer;
  /** The iM871A's raw RSSI byte; null for the iU891A, which reports dBm itself. */
  rssi: number | null;
  /** The signal strength in dBm, from either stick. */
  rssiDbm: number | null;
  timestamp: number | null;
  stickCrc: StickCrc | null;
}

export interface InputProblem {
  kind: 'problem';
  code: 'PARSE' | 'HCI_CRC';
  offset: number;
  message: string;
  /** For HCI_CRC: the telegram the damaged frame carried, so the meter can still be named. */
  frame: Buffer | null;
}

export type InputItem = FoundFrame | InputProblem;

export function inputProblem(code: InputProblem['code'], offset: number, message: string): InputProblem {
  return { kind: 'problem', code, offset, message, frame: null };
}
