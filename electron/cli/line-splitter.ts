import { StringDecoder } from 'node:string_decoder';

/** What readline counts as a line end: LF, CR LF, or a CR alone. */
const LINE_END = /\r\n|\n|\r/;

/**
 * Text lines from a byte stream read in large chunks, as readline splits them (with an unlimited CR LF
 * delay) but a chunk at a time instead of one promise per line, which cost more than the lines' work
 * when `cli decode` reads 200 000 of them. A CR LF split across two chunks is one line end; a last
 * line without a line end still counts.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  /** The unfinished line at the end of the text so far. */
  private partial = '';
  /** The text so far ends with CR: a LF starting the next chunk belongs to it. */
  private afterCr = false;

  /** The lines this chunk completes. */
  push(chunk: Buffer): string[] {
    let text = this.decoder.write(chunk);
    if (this.afterCr && text.charCodeAt(0) === 0x0a) text = text.slice(1);
    this.afterCr = text.endsWith('\r');
    const lines = (this.partial + text).split(LINE_END);
    this.partial = lines.pop()!;
    return lines;
  }

  /** At the end of the input: the last line, if it had no line end. */
  end(): string[] {
    const last = this.partial;
    this.partial = '';
    return last === '' ? [] : [last];
  }
}

/** Lines of a stream, in batches of what each chunk completes (so a reader awaits once per chunk). */
export async function* lineBatches(input: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const splitter = new LineSplitter();
  for await (const chunk of input) {
    const lines = splitter.push(chunk);
    if (lines.length > 0) yield lines;
  }
  const last = splitter.end();
  if (last.length > 0) yield last;
}
