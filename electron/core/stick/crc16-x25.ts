/**
 * CRC-16/X-25 as the iM871A uses it (docs/ARCHITECTURE.md § iM871A): polynomial 0x1021 processed LSB first (reflected
 * form 0x8408), init 0xFFFF, final xor 0xFFFF. Check value for ASCII "123456789" is 0x906E.
 */
const TABLE: Uint16Array = (() => {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0x8408 : crc >>> 1;
    table[byte] = crc;
  }
  return table;
})();

/** CRC over `data[start..end)`; the range lets the framer check a frame in place without copying. */
export function crc16X25(data: Uint8Array, start = 0, end = data.length): number {
  let crc = 0xffff;
  for (let i = start; i < end; i++) crc = (crc >>> 8) ^ TABLE[(crc ^ data[i]!) & 0xff]!;
  return (crc ^ 0xffff) & 0xffff;
}
