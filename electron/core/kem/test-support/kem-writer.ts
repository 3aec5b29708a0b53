import crypto from 'node:crypto';
import zlib from 'node:zlib';

// Writes KEM files the way the format says (docs/ARCHITECTURE.md § KEM files), so the tests read
// files they built rather than ones they found: the meter list as XML in either root form, the XML
// Encryption envelope around it, and a zip archive (stored or deflated) to deliver it in.

export interface KemMeterFixture {
  /** SerialNo / SerialNumber: the wM-Bus id. */
  id: string;
  /** DEK / Value: the AES key as the file writes it. */
  key: string;
  model?: string;
  consumption?: string;
  meterNumber?: string;
  vendor?: string;
  typeNumber?: string;
  configNumber?: string;
}

export type KemForm = 'MetersInOrder' | 'Devices';

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The plaintext meter list: `MetersInOrder/Meter` or `Devices/Device` with each form's field names. */
export function meterListXml(form: KemForm, meters: readonly KemMeterFixture[]): string {
  const element = (name: string, value: string | undefined) =>
    value === undefined ? '' : `<${name}>${escape(value)}</${name}>`;
  const items = meters.map((m) =>
    form === 'MetersInOrder'
      ? `<Meter>${element('MeterName', m.model ?? 'OmniPower')}${element('MeterNo', m.meterNumber ?? `C-${m.id}`)}` +
        `${element('SerialNo', m.id)}${element('VendorId', m.vendor ?? 'KAM')}${element('ConfigNo', m.configNumber ?? '1')}` +
        `${element('TypeNo', m.typeNumber ?? '6841131')}${element('ConsumptionType', m.consumption ?? 'Electricity')}` +
        `${element('DEK', m.key)}</Meter>`
      : `<Device>${element('ShortName', m.model ?? 'OmniPower')}${element('ConsumptionTypeName', m.consumption ?? 'Electricity')}` +
        `${element('CustomerDeviceNumber', m.meterNumber ?? `C-${m.id}`)}${element('SerialNumber', m.id)}` +
        `${element('ManufacturerId', m.vendor ?? 'KAM')}${element('ConfigNumber', m.configNumber ?? '1')}` +
        `${element('TypeNumber', m.typeNumber ?? '6841131')}<Keys><Key>${element('Value', m.key)}</Key></Keys></Device>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>\r\n<${form}>\r\n${items.join('\r\n')}\r\n</${form}>`;
}

/** The AES key (and IV) of a password: its UTF-8 bytes zero-padded to 16. */
export function passwordKey(password: string): Buffer {
  const key = Buffer.alloc(16);
  Buffer.from(password, 'utf8').copy(key);
  return key;
}

export interface EncryptOptions {
  /** PKCS#7 (what .NET writes by default) or zero bytes up to the block. */
  padding?: 'pkcs7' | 'zeros';
  algorithm?: string;
}

/** AES-128-CBC with key = IV = the password's bytes, as a KEM file encrypts its content. */
export function encryptContent(
  plain: Buffer,
  password: string,
  padding: 'pkcs7' | 'zeros' = 'pkcs7',
): Buffer {
  const key = passwordKey(password);
  const cipher = crypto.createCipheriv('aes-128-cbc', key, key);
  if (padding === 'pkcs7') return Buffer.concat([cipher.update(plain), cipher.final()]);
  cipher.setAutoPadding(false);
  const padded = Buffer.concat([plain, Buffer.alloc((16 - (plain.length % 16)) % 16)]);
  return Buffer.concat([cipher.update(padded), cipher.final()]);
}

/** The XML Encryption envelope around base64 ciphertext (any text may stand in for CipherValue). */
export function envelopeXml(
  cipherValue: string,
  algorithm = 'http://www.w3.org/2001/04/xmlenc#aes128-cbc',
): string {
  // Wrapped at 76 characters, as .NET's XML writer does.
  const wrapped = cipherValue.replace(/(.{76})/g, '$1\r\n');
  return (
    '<?xml version="1.0" encoding="utf-8"?>\r\n' +
    '<EncryptedData Type="http://www.w3.org/2001/04/xmlenc#Element" xmlns="http://www.w3.org/2001/04/xmlenc#">' +
    `<EncryptionMethod Algorithm="${algorithm}" />` +
    `<CipherData><CipherValue>${wrapped}</CipherValue></CipherData></EncryptedData>`
  );
}

/** A whole .kem file: the meter list, encrypted with the password, in its envelope. */
export function kemFile(
  form: KemForm,
  meters: readonly KemMeterFixture[],
  password: string,
  options: EncryptOptions = {},
): Buffer {
  const ciphertext = encryptContent(
    Buffer.from(meterListXml(form, meters), 'utf8'),
    password,
    options.padding,
  );
  return Buffer.from(envelopeXml(ciphertext.toString('base64'), options.algorithm), 'utf8');
}

export interface ZipEntryFixture {
  name: string;
  data: Buffer;
  method?: 'stored' | 'deflated';
  /** Sets the "encrypted" flag (the data is left as it is: the reader must refuse before reading it). */
  encrypted?: boolean;
}

/** A zip archive (PKWARE APPNOTE §4.3): local headers and data, the central directory, the end record. */
export function zipArchive(entries: readonly ZipEntryFixture[], comment = ''): Buffer {
  const locals: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = entry.method === 'deflated';
    const data = deflated ? zlib.deflateRawSync(entry.data) : entry.data;
    const flags = 0x0800 | (entry.encrypted ? 1 : 0);
    const fields = {
      flags,
      method: deflated ? 8 : 0,
      crc: zlib.crc32(entry.data),
      data,
      size: entry.data.length,
      name,
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    writeEntryFields(local, 6, fields);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    writeEntryFields(central, 8, fields);
    central.writeUInt32LE(offset, 42);
    directory.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directoryBytes = Buffer.concat(directory);
  const commentBytes = Buffer.from(comment, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directoryBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  end.writeUInt16LE(commentBytes.length, 20);
  return Buffer.concat([...locals, directoryBytes, end, commentBytes]);
}

/** The fields local and central headers share, in the same order (APPNOTE §4.3.7 and §4.3.12). */
function writeEntryFields(
  header: Buffer,
  at: number,
  f: { flags: number; method: number; crc: number; data: Buffer; size: number; name: Buffer },
): void {
  header.writeUInt16LE(f.flags, at);
  header.writeUInt16LE(f.method, at + 2);
  header.writeUInt32LE(f.crc, at + 8);
  header.writeUInt32LE(f.data.length, at + 12);
  header.writeUInt32LE(f.size, at + 16);
  header.writeUInt16LE(f.name.length, at + 20);
}

/** The sample delivery several tests share: its password and two meters of different models. */
export const SAMPLE_PASSWORD = 'Kunde-4711';
export const SAMPLE_KEYS = {
  a: '9A25139E3244CC2E391A8EF6B915B697',
  b: '00112233445566778899AABBCCDDEEFF',
} as const;
export const SAMPLE_METERS: readonly KemMeterFixture[] = [
  { id: '32666857', key: SAMPLE_KEYS.a, model: 'OmniPower' },
  { id: '67203915', key: SAMPLE_KEYS.b, model: 'MC21', consumption: 'ColdWater' },
];

/** `count` meters with distinct ids and random keys, as a supplier's delivery of one street might be. */
export function manyMeters(count: number, firstId = 40_000_000): KemMeterFixture[] {
  return Array.from({ length: count }, (_, i) => ({
    id: String(firstId + i).padStart(8, '0'),
    key: crypto.randomBytes(16).toString('hex').toUpperCase(),
    model: i % 3 === 0 ? 'MC21' : 'OmniPower',
    consumption: i % 3 === 0 ? 'ColdWater' : 'Electricity',
  }));
}
