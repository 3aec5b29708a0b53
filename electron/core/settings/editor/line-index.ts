/** Line arithmetic over a source text: where each line starts, ends, and what is on it. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  get count(): number {
    return this.starts.length;
  }

  /** 0-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  start(line: number): number {
    return this.starts[line] ?? this.text.length;
  }

  /** Offset of the end of the line's content, before `\r\n` or `\n`. */
  end(line: number): number {
    const next = this.starts[line + 1];
    if (next === undefined) return this.text.length;
    return this.text[next - 2] === '\r' ? next - 2 : next - 1;
  }

  /** Offset of the next line's start (after the line break), or the text's end. */
  after(line: number): number {
    return this.starts[line + 1] ?? this.text.length;
  }

  content(line: number): string {
    return this.text.slice(this.start(line), this.end(line));
  }

  /** Blank, or nothing but a comment. */
  isEmpty(line: number): boolean {
    const trimmed = this.content(line).trim();
    return trimmed === '' || trimmed.startsWith('#');
  }

  /** The last line in [from, to) that holds more than a comment; `from - 1` when none does. */
  lastContentLine(from: number, to: number): number {
    for (let line = to - 1; line >= from; line -= 1) if (!this.isEmpty(line)) return line;
    return from - 1;
  }
}

/**
 * End of the value that starts at `from` on a single line: before a ` #` comment that is not
 * inside quotes, without trailing blanks.
 */
export function tokenEnd(text: string, from: number, lineEnd: number): number {
  let quote: string | null = null;
  let end = from;
  for (let i = from; i < lineEnd; i += 1) {
    const char = text[i];
    if (quote) {
      if (quote === '"' && char === '\\') i += 1;
      else if (quote === "'" && char === "'" && text[i + 1] === "'") i += 1;
      else if (char === quote) quote = null;
      end = i + 1;
      continue;
    }
    if (char === '#' && (i === from || /[ \t]/.test(text[i - 1] ?? ''))) break;
    if ((char === '"' || char === "'") && /^$|[\s[{,:]/.test(text[i - 1] ?? '')) quote = char;
    if (char !== ' ' && char !== '\t') end = i + 1;
  }
  return end;
}
