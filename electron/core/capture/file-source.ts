import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { CaptureError } from './errors';

// Reading a capture without loading it: byte chunks or numbered lines, through gunzip when the
// file starts with the gzip magic. A gzip stream cut short by a crash ends the data instead of
// failing it: what was written before the cut is read, and the cut is reported.

const GZIP_MAGIC = [0x1f, 0x8b];
const PEEK_BYTES = 64 * 1024;

export interface TextLine {
  /** 1-based. */
  line: number;
  text: string;
  /** False for a last line the file ends inside (no newline after it): maybe cut short. */
  terminated: boolean;
}

/** Why the data ended early, when it did (a gzip stream without its end). */
export interface StreamEnd {
  truncated: string | null;
}

export async function isGzipFile(file: string): Promise<boolean> {
  const head = await readHead(file, 2);
  return head.length === 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1];
}

/** The first bytes of the content (decompressed when gzip), for telling formats apart. */
export async function peekContent(file: string): Promise<Buffer> {
  const head = await readHead(file, PEEK_BYTES);
  if (head[0] !== GZIP_MAGIC[0] || head[1] !== GZIP_MAGIC[1]) return head;
  // A partial gzip stream inflates as far as it goes when told to finish with a sync flush.
  return zlib.gunzipSync(head, { finishFlush: zlib.constants.Z_SYNC_FLUSH });
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    throw new CaptureError(
      code === 'ENOENT' ? 'NO_SUCH_CAPTURE' : 'IO',
      code === 'ENOENT' ? `there is no file ${file}` : `cannot read ${file}: ${message}`,
      { cause: error },
    );
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** The file's content as chunks, decompressed when gzip; `end.truncated` says if it was cut short. */
export async function* contentChunks(file: string, end: StreamEnd): AsyncGenerator<Buffer> {
  const gzip = await isGzipFile(file);
  const raw = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const stream: Readable = gzip ? raw.pipe(zlib.createGunzip()) : raw;
  if (gzip) raw.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (gzip && (code === 'Z_BUF_ERROR' || code === 'Z_DATA_ERROR')) {
      end.truncated =
        code === 'Z_BUF_ERROR'
          ? 'the compressed file ends early (the recording did not stop cleanly)'
          : `the compressed data is damaged: ${(error as Error).message}`;
      return;
    }
    throw new CaptureError('IO', `reading ${file} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    raw.destroy();
  }
}

/** The content as numbered text lines (`\n` or `\r\n`), one at a time. */
export async function* contentLines(file: string, end: StreamEnd): AsyncGenerator<TextLine> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  let line = 0;
  for await (const chunk of contentChunks(file, end)) {
    const text = rest + decoder.write(chunk);
    let from = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', from)) {
      const cut = nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield { line: ++line, text: text.slice(from, cut), terminated: true };
      from = nl + 1;
    }
    rest = text.slice(from);
  }
  rest += decoder.end();
  if (rest.length > 0) yield { line: ++line, text: rest, terminated: false };
}
