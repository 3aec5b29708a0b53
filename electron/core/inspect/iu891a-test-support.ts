// Test support only: iU891A frames built from the stick's rules, not with the driver's encoder:
// endpoint | id | [status] | payload | CRC-16/X.25 low byte first, then SLIP (C0 → DB DC,
// DB → DB DD, C0 around).
import { crc16X25 } from '../stick';

export function withCrc(body: number[] | Buffer): Buffer {
  const bytes = Buffer.from(body);
  const crc = crc16X25(bytes);
  return Buffer.concat([bytes, Buffer.of(crc & 0xff, crc >> 8)]);
}

export function slip(message: Buffer): Buffer {
  const out = [0xc0];
  for (const byte of message) {
    if (byte === 0xc0) out.push(0xdb, 0xdc);
    else if (byte === 0xdb) out.push(0xdb, 0xdd);
    else out.push(byte);
  }
  out.push(0xc0);
  return Buffer.from(out);
}

/** Receive indication 09 20: timestamp(4, LE) | decryption | encryption | packet info | RSSI dBm | L | frame from C. */
export function indicationMessage(frame: Buffer, timestamp: number, rssiDbm: number): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(timestamp, 0);
  head[6] = 0x05;
  head.writeInt8(rssiDbm, 7);
  return withCrc(Buffer.concat([Buffer.of(0x09, 0x20), head, Buffer.of(frame.length), frame]));
}
