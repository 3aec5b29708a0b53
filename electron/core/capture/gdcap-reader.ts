import { CaptureError } from './errors';
import { CAPTURE_FORMAT, CAPTURE_VERSION, isCaptureRecordType, type CaptureHeader } from './format';
import type { TextLine } from './file-source';
import { stickTelegramItem, type ReplayItem } from './replay-item';
import { StickTelegrams } from './stick-telegrams';

/** Reads the header line; throws for a file that is no capture or of a newer version. */
export function parseHeaderLine(line: TextLine | undefined, file: string): CaptureHeader {
  let header: Partial<CaptureHeader> | null = null;
  try {
    header = line ? (JSON.parse(line.text) as Partial<CaptureHeader>) : null;
  } catch {
    // reported below
  }
  if (!header || header.format !== CAPTURE_FORMAT) {
    throw new CaptureError(
      'NOT_A_CAPTURE',
      `${file}: line 1 is not a capture header (format "${CAPTURE_FORMAT}")`,
    );
  }
  if (typeof header.version !== 'number' || header.version > CAPTURE_VERSION) {
    throw new CaptureError(
      'UNSUPPORTED_VERSION',
      `${file} is capture format version ${String(header.version)}; this program reads up to version ${CAPTURE_VERSION}: update it`,
    );
  }
  return header as CaptureHeader;
}

interface RecordLine {
  t?: unknown;
  type?: unknown;
  hex?: unknown;
  kind?: unknown;
  frame?: unknown;
  rssi?: unknown;
  stickTime?: unknown;
}

/**
 * The telegrams of a capture's lines after the header. A capture with serial bytes (`raw`) is
 * replayed from them, through the framer as the stick driver read them; one without, from its
 * telegram records. A line that is not JSON (the last one, cut by a crash) is reported with its
 * number and the rest goes on.
 */
export async function* gdcapItems(
  header: CaptureHeader,
  lines: AsyncIterable<TextLine>,
): AsyncGenerator<ReplayItem> {
  const serial = new StickTelegrams(header.stick?.kind);
  for await (const line of lines) {
    if (line.text.trim() === '') continue;
    let record: RecordLine;
    try {
      record = JSON.parse(line.text) as RecordLine;
    } catch (error) {
      yield { kind: 'problem', line: line.line, message: unreadable(line, error) };
      continue;
    }
    const t = typeof record.t === 'number' ? record.t : null;
    if (!isCaptureRecordType(record.type)) {
      yield {
        kind: 'problem',
        line: line.line,
        message: `line ${line.line}: unknown record type ${JSON.stringify(record.type)}`,
      };
    } else if (record.type === 'rx' && header.raw) {
      const bytes = hexBytes(record.hex);
      if (bytes) yield* serial.push(bytes, line.line, t);
      else
        yield { kind: 'problem', line: line.line, message: `line ${line.line}: rx record without hex bytes` };
    } else if (record.type === 'stick-info') {
      serial.knownKind(record.kind);
    } else if (record.type === 'telegram' && !header.raw) {
      const frame = hexBytes(record.frame);
      if (frame && frame.length > 0 && frame.length < 256) {
        yield stickTelegramItem(frame, byteOrNull(record.rssi), uint32OrNull(record.stickTime), line.line, t);
      } else {
        yield {
          kind: 'problem',
          line: line.line,
          message: `line ${line.line}: telegram record without a frame`,
        };
      }
    }
  }
}

function unreadable(line: TextLine, error: unknown): string {
  if (!line.terminated)
    return `line ${line.line} is cut short (the recording ended while it was written); the lines before it replay`;
  return `line ${line.line} is not a JSON record: ${(error as Error).message}`;
}

function hexBytes(value: unknown): Buffer | null {
  return typeof value === 'string' && /^(?:[0-9a-fA-F]{2})*$/.test(value) ? Buffer.from(value, 'hex') : null;
}

const byteOrNull = (value: unknown): number | null =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 255 ? (value as number) : null;
const uint32OrNull = (value: unknown): number | null =>
  Number.isInteger(value) && (value as number) >= 0 && (value as number) <= 0xffffffff
    ? (value as number)
    : null;
