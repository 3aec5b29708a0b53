import { contentChunks, contentLines, peekContent, type StreamEnd, type TextLine } from './file-source';
import type { CaptureHeader } from './format';
import { gdcapItems, parseHeaderLine } from './gdcap-reader';
import type { ReplayItem } from './replay-item';
import { forcedFormat, sniffFormat, type Sniffed, type SourceFormat } from './sniff';
import { StickTelegrams } from './stick-telegrams';
import { parseSimulationLine } from './wmbusmeters';

export interface ReplayFile {
  file: string;
  format: SourceFormat;
  /** A capture's header; null for wmbusmeters files and HCI dumps. */
  header: CaptureHeader | null;
  /** The telegrams and the problems, in file order, read as they are asked for. Once only. */
  items: AsyncGenerator<ReplayItem>;
}

/**
 * Opens a capture, a wmbusmeters simulation or a raw stick dump (iM871A or iU891A; plain or gzip) for replay: the format
 * from the content unless `format` forces it; for a capture, its header is read at once so a file
 * that is no capture fails here. Nothing is loaded whole: the items stream from the file.
 */
export async function openReplayFile(file: string, format?: SourceFormat): Promise<ReplayFile> {
  const head = await peekContent(file);
  const sniffed = format ? forcedFormat(format, head) : sniffFormat(head, file);
  const end: StreamEnd = { truncated: null };
  if (sniffed.format === 'gdcap') {
    const lines = contentLines(file, end);
    const first = await lines.next();
    const header = parseHeaderLine(first.done ? undefined : first.value, file);
    return { file, format: 'gdcap', header, items: withEnd(gdcapItems(header, lines), end) };
  }
  const items =
    sniffed.format === 'wmbusmeters'
      ? simulationItems(contentLines(file, end))
      : hciItems(file, sniffed, end);
  return { file, format: sniffed.format, header: null, items: withEnd(items, end) };
}

async function* simulationItems(lines: AsyncIterable<TextLine>): AsyncGenerator<ReplayItem> {
  for await (const { text, line } of lines) {
    const item = parseSimulationLine(text, line);
    if (item) yield item;
  }
}

async function* hciItems(
  file: string,
  { hciEncoding: encoding, stick }: Sniffed,
  end: StreamEnd,
): AsyncGenerator<ReplayItem> {
  // An iM871A's or an iU891A's bytes: what the sniffing found, else the first byte read.
  const hci = new StickTelegrams(stick);
  if (encoding === 'binary') {
    let frames = 0;
    for await (const chunk of contentChunks(file, end)) {
      // A binary dump has no lines: each telegram is numbered by its place in the dump.
      for (const item of hci.push(chunk, 0, null)) yield { ...item, line: ++frames };
    }
    return;
  }
  for await (const { text, line } of contentLines(file, end)) {
    const digits = text.replace(/[\s:_]/g, '');
    if (digits === '') continue;
    if (!/^(?:[0-9a-fA-F]{2})+$/.test(digits)) {
      yield { kind: 'problem', line, message: `line ${line} is not hex bytes` };
      continue;
    }
    yield* hci.push(Buffer.from(digits, 'hex'), line, null);
  }
}

/** The items, then one problem when the data stopped early (a gzip file cut by a crash). */
async function* withEnd(items: AsyncGenerator<ReplayItem>, end: StreamEnd): AsyncGenerator<ReplayItem> {
  let last = 0;
  for await (const item of items) {
    last = item.line;
    yield item;
  }
  if (end.truncated)
    yield { kind: 'problem', line: last + 1, message: `after line ${last}: ${end.truncated}` };
}
