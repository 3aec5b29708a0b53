/**
 * CRC-16/EN-13757 (EN 13757-4 §5.2.2, also used by EN 13757-7 for the ELL payload CRC and the
 * compact-frame signatures): polynomial 0x3D65, initial register 0, final XOR 0xFFFF, no bit
 * reflection. Check value for ASCII "123456789" = 0xC2B7.
 */

export const CRC16_EN13757_CHECK = 0xc2b7;

const TABLE = buildTable(0x3d65);

function buildTable(poly: number): Uint16Array {
  const table = new Uint16Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let reg = byte << 8;
    for (let bit = 0; bit < 8; bit++) reg = reg & 0x8000 ? ((reg << 1) ^ poly) & 0xffff : (reg << 1) & 0xffff;
    table[byte] = reg;
  }
  return table;
}

/**
 * Feeds bytes [start, end) into an un-finalised CRC register and returns the new register.
 * Lets callers checksum data that is not contiguous (the compact-frame data CRC runs over
 * DIF/VIF headers that are not on air interleaved with values that are) without copying.
 */
export function crc16En13757Continue(register: number, buf: Uint8Array, start = 0, end = buf.length): number {
  let reg = register;
  for (let i = start; i < end; i++)
    reg = ((reg << 8) & 0xffff) ^ (TABLE[((reg >>> 8) ^ buf[i]!) & 0xff] as number);
  return reg;
}

/** Finishes a register produced by {@link crc16En13757Continue}. */
export function crc16En13757Finish(register: number): number {
  return (register ^ 0xffff) & 0xffff;
}

/** CRC-16/EN-13757 over bytes [start, end) of `buf`. */
export function crc16En13757(buf: Uint8Array, start = 0, end = buf.length): number {
  return crc16En13757Finish(crc16En13757Continue(0, buf, Math.max(0, start), Math.min(end, buf.length)));
}
