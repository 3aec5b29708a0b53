/**
 * JSON written straight into a byte buffer, for output measured in hundreds of megabytes (`cli decode`
 * of a long capture). JSON.stringify makes a string of every line that is copied again into the
 * chunk and encoded once more on its way to stdout; here each value lands once, in bytes, and the text
 * of parts that repeat is encoded once (`jsonFragment`) and copied. Everything written is exactly what
 * JSON.stringify gives for the same value (json-bytes.test.ts checks it on arbitrary values).
 */
export class JsonBytes {
  private buffer = Buffer.allocUnsafe(128 * 1024);
  private length = 0;

  /** Bytes written since the last `take()`. */
  get size(): number {
    return this.length;
  }

  /** A fragment made by `jsonFragment`, copied as it is. */
  fragment(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  string(text: string): void {
    this.reserve(text.length + 2);
    const buffer = this.buffer;
    let at = this.length;
    buffer[at++] = QUOTE;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // Printable ASCII, nearly every string here, goes as it is; anything else as JSON.stringify has it.
      if (c < 0x20 || c === QUOTE || c === BACKSLASH || c > 0x7e) return this.text(JSON.stringify(text));
      buffer[at++] = c;
    }
    buffer[at++] = QUOTE;
    this.length = at;
  }

  number(value: number | null): void {
    if (value === null) return this.ascii('null');
    if (Number.isSafeInteger(value)) return this.integer(value);
    if (!Number.isFinite(value)) return this.ascii('null');
    if (!this.decimal(value)) this.ascii(String(value));
  }

  boolean(value: boolean): void {
    this.ascii(value ? 'true' : 'false');
  }

  /** Any JSON value, through JSON.stringify: for the rare parts without a faster way. */
  value(value: unknown): void {
    this.text(JSON.stringify(value) ?? 'null');
  }

  newline(): void {
    this.reserve(1);
    this.buffer[this.length++] = 0x0a;
  }

  /** The text written so far; the writer starts over empty. */
  take(): string {
    const text = this.buffer.toString('utf8', 0, this.length);
    this.length = 0;
    return text;
  }

  /**
   * The bytes written since the last `clear()`, as a view of the writer's own buffer (no decoding to a
   * string and encoding back on the way to stdout): valid until the next write or `clear()`.
   */
  view(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  /** Starts over empty in the same buffer, once the bytes of `view()` have been written out. */
  clear(): void {
    this.length = 0;
  }

  /**
   * Digits straight into the buffer, in int32 arithmetic (exact below 2^31, and far cheaper than the
   * floating-point remainder); negative and larger integers are rare and go through String (-0 is 0).
   */
  private integer(value: number): void {
    if (value < 0 || value > INT32_MAX) return this.ascii(String(value));
    let digits = 1;
    for (let rest = value; rest >= 10; rest = (rest / 10) | 0) digits++;
    this.reserve(digits);
    const buffer = this.buffer;
    let at = this.length + digits;
    this.length = at;
    for (let rest = value | 0; ;) {
      const next = (rest / 10) | 0;
      buffer[--at] = ZERO + rest - next * 10;
      if (next === 0) return;
      rest = next;
    }
  }

  /**
   * A non-integer with at most DECIMAL_PLACES decimals (meter values: 2.15, 0.003, -62.5) written from
   * its digits as an integer, which costs a fraction of String(value); false for any other value.
   * Written only when `digits / 10^places` gives back exactly `value` with at most 15 significant
   * digits: then those digits are the shortest that round-trip (two decimals of at most 15 digits never
   * share a double), which is what String writes, in fixed notation for 1e-6 <= |value| < 1e21.
   */
  private decimal(value: number): boolean {
    const magnitude = value < 0 ? -value : value;
    for (let places = 1, scale = 10; places <= DECIMAL_PLACES; places++, scale *= 10) {
      const digits = Math.round(magnitude * scale);
      if (digits / scale !== magnitude) continue;
      if (digits >= MAX_DECIMAL_DIGITS) return false;
      const whole = Math.floor(digits / scale);
      const fraction = digits - whole * scale;
      this.reserve(places + 2);
      if (value < 0) this.buffer[this.length++] = MINUS;
      this.integer(whole);
      this.reserve(places + 1);
      const buffer = this.buffer;
      const at = this.length;
      buffer[at] = POINT;
      // `fraction` has no trailing zero (fewer places would have matched), so all `places` digits show.
      for (let rest = fraction, i = places; i > 0; i--) {
        const next = Math.floor(rest / 10);
        buffer[at + i] = ZERO + rest - next * 10;
        rest = next;
      }
      this.length = at + places + 1;
      return true;
    }
    return false;
  }

  /** Text known to be ASCII (numbers, literals), without the cost of a call into the encoder. */
  private ascii(text: string): void {
    this.reserve(text.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < text.length; i++) buffer[at++] = text.charCodeAt(i);
    this.length = at;
  }

  private text(json: string): void {
    this.reserve(json.length * 3);
    this.length += this.buffer.write(json, this.length, 'utf8');
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}

/** JSON text encoded once, to be written many times with `JsonBytes.fragment`. */
export const jsonFragment = (json: string): Uint8Array => Buffer.from(json, 'utf8');

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const ZERO = 0x30;
const MINUS = 0x2d;
const POINT = 0x2e;
/** Decimals tried by the fast path; from 1e-6 on String writes fixed notation too. */
const DECIMAL_PLACES = 6;
/** Decimals of at most 15 significant digits (below this) always round-trip through a double. */
const MAX_DECIMAL_DIGITS = 1e15;
const INT32_MAX = 0x7fffffff;
