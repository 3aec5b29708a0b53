// Just enough of the PNG, ICO and ICNS headers to check which icon sizes a file really holds.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (always the first chunk). */
export function pngSize(png: Buffer): { width: number; height: number } {
  if (png.length < 24 || !png.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  if (png.toString('latin1', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR as first chunk');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Square sizes of the images in an .ico (ICONDIR + ICONDIRENTRY; a width byte of 0 means 256). */
export function icoSizes(ico: Buffer): number[] {
  if (ico.readUInt16LE(0) !== 0 || ico.readUInt16LE(2) !== 1) throw new Error('not an .ico file');
  const count = ico.readUInt16LE(4);
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 6 + i * 16;
    const width = ico[entry]! || 256;
    const height = ico[entry + 1]! || 256;
    if (width !== height) throw new Error(`.ico entry ${i} is not square (${width}x${height})`);
    sizes.push(width);
  }
  return sizes;
}

/** The element types of an .icns file (e.g. is32 = 16 px, ic10 = 1024 px). */
export function icnsTypes(icns: Buffer): string[] {
  if (icns.toString('latin1', 0, 4) !== 'icns') throw new Error('not an .icns file');
  if (icns.readUInt32BE(4) !== icns.length) throw new Error('.icns length field does not match the file');
  const types: string[] = [];
  for (let at = 8; at < icns.length;) {
    const length = icns.readUInt32BE(at + 4);
    if (length < 8) throw new Error(`.icns element at ${at} has a bad length`);
    types.push(icns.toString('latin1', at, at + 4));
    at += length;
  }
  return types;
}
