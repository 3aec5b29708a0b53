/** Two-digit lower-case hex for every byte value: string building without toString/padStart. */
export const HEX_BYTE: readonly string[] = Array.from({ length: 256 }, (_, b) =>
  b.toString(16).padStart(2, '0'),
);

/** `0x2c` style for messages. */
export function hexByte(value: number): string {
  return `0x${HEX_BYTE[value & 0xff]}`;
}

/** `0x8c13` style for 16-bit values in messages. */
export function hexWord(value: number): string {
  return `0x${(value & 0xffff).toString(16).padStart(4, '0')}`;
}

/** Space-separated hex of bytes [start, end), for explanations. */
export function spacedHex(buf: Uint8Array, start = 0, end = buf.length): string {
  const parts: string[] = [];
  for (let i = Math.max(0, start); i < Math.min(end, buf.length); i++)
    parts.push(HEX_BYTE[buf[i]!] as string);
  return parts.join(' ');
}

/** Unseparated hex of bytes [start, end). */
export function plainHex(buf: Uint8Array, start = 0, end = buf.length): string {
  let text = '';
  for (let i = Math.max(0, start); i < Math.min(end, buf.length); i++) text += HEX_BYTE[buf[i]!];
  return text;
}
