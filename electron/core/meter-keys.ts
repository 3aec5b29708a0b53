/** A meter id as printed on the meter: 8 decimal digits (the BCD address). */
export const METER_ID = /^\d{8}$/;
/** An AES-128 key: 32 hex digits. */
export const AES_KEY_HEX = /^[0-9a-fA-F]{32}$/;

export class MeterKeyError extends Error {
  override name = 'MeterKeyError';
}

/** Parses `ID=KEYHEX` (the CLI's `--meter`), naming what is wrong without echoing the key. */
export function parseMeterKey(text: string): { id: string; key: Buffer } {
  const at = text.indexOf('=');
  const id = at === -1 ? text : text.slice(0, at);
  const keyHex = at === -1 ? '' : text.slice(at + 1).replace(/[\s:_]/g, '');
  if (!METER_ID.test(id)) throw new MeterKeyError(`meter id must be 8 digits, got ${JSON.stringify(id)}`);
  return { id, key: parseAesKey(keyHex, `key of meter ${id}`) };
}

export function parseAesKey(hex: string, what = 'key'): Buffer {
  if (!AES_KEY_HEX.test(hex)) {
    throw new MeterKeyError(`${what} must be 32 hex digits (AES-128), got ${hex.length} character(s)`);
  }
  return Buffer.from(hex, 'hex');
}
