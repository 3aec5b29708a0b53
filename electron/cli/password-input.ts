import type { Readable, Writable } from 'node:stream';

// Reading a password on the command line without it ever landing in an argument (visible in `ps`
// and shell history): piped on stdin, or typed at a prompt that does not echo.

/** More than any password: a pipe that sends more is sending something else. */
const MAX_PASSWORD_INPUT = 1024;

/** All of stdin, less one trailing line end (what `echo` and most secret stores add). */
export async function readPasswordFromStream(input: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of input) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += bytes.length;
    if (size > MAX_PASSWORD_INPUT)
      throw new Error(`stdin holds more than ${MAX_PASSWORD_INPUT} bytes, which is not a password`);
    chunks.push(bytes);
  }
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** A terminal: stdin with raw mode. */
export interface TerminalInput extends Readable {
  isTTY?: boolean;
  setRawMode?(raw: boolean): unknown;
}

/** Asks on `output` (stderr) and reads a line from the terminal without echoing it. Ctrl-C cancels. */
export function promptHidden(prompt: string, input: TerminalInput, output: Writable): Promise<string> {
  output.write(prompt);
  input.setRawMode?.(true);
  input.resume();
  let typed = '';
  return new Promise<string>((resolve, reject) => {
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of String(chunk)) {
        if (char === '\r' || char === '\n' || char === '\u0004') return finish(null);
        if (char === '\u0003')
          return finish(new Error('cancelled at the password prompt; nothing was imported'));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    input.on('data', onData);
  });
}
