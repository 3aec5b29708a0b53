import { KemError, NotKemError, ZipError } from './errors';
import { contentStart, describeContent, looksLikeHtml } from './sniff';
import { findElement, parseXml, type XmlElement } from './xml';
import { extractZipEntry, listZipEntries, looksLikeZip } from './zip';

// From the bytes a technician picked to the KEM document: the file itself, or the .kem/.kem2 inside
// a zip archive; then whether that document is an XML Encryption envelope (docs/ARCHITECTURE.md
// § KEM files) or, already in clear, one of the two meter lists. Anything else says what it is.

/** More than any KEM delivery: a meter takes well under 1 kB, so this is tens of thousands of meters. */
export const KEM_MAX_BYTES = 16 * 1024 * 1024;

/** The roots of the two known meter lists, by their local names. */
export const METER_LIST_ROOTS = ['MetersInOrder', 'Devices'] as const;
export type MeterListRoot = (typeof METER_LIST_ROOTS)[number];

export interface KemContainer {
  /** The KEM file's name inside the zip archive; null when the bytes were the KEM file itself. */
  entryName: string | null;
  /** The `EncryptedData` element to decrypt; null when the document is a meter list in clear. */
  encrypted: XmlElement | null;
  /** The document's root element (the meter list itself when in clear). */
  root: XmlElement;
  /** Names the document in messages: "The file" or `"x.kem" in the zip archive`. */
  documentName: string;
}

const isMeterListRoot = (local: string): local is MeterListRoot =>
  (METER_LIST_ROOTS as readonly string[]).includes(local);

/** Finds the KEM document in the bytes; throws NotKemError, ZipError or XmlError when there is none. */
export function openKemFile(bytes: Buffer): KemContainer {
  if (bytes.length > KEM_MAX_BYTES)
    throw new KemError(
      'TOO_LARGE',
      `The file has ${bytes.length} bytes, more than any KEM file (at most ${KEM_MAX_BYTES}).`,
    );
  if (!looksLikeZip(bytes)) return openDocument(bytes, null, 'The file');
  const entries = listZipEntries(bytes).filter((e) => !e.name.endsWith('/'));
  const kems = entries.filter((e) => /\.kem2?$/i.test(e.name));
  if (kems.length === 0) {
    if (entries.some((e) => e.name === '[Content_Types].xml'))
      throw new NotKemError(
        'an Office document (Word, Excel or PowerPoint)',
        'Those are zip archives too, but hold no .kem or .kem2 file.',
      );
    throw new NotKemError(
      `a zip archive ${entries.length === 0 ? 'that is empty' : `holding ${entries.length} file${entries.length === 1 ? '' : 's'} (${listed(entries.map((e) => e.name))})`}`,
      'It holds no .kem or .kem2 file.',
    );
  }
  if (kems.length > 1)
    throw new ZipError(
      `The zip archive holds ${kems.length} KEM files (${listed(kems.map((e) => e.name))}); unzip it and import them one at a time.`,
    );
  const entry = kems[0]!;
  return openDocument(
    extractZipEntry(bytes, entry, KEM_MAX_BYTES),
    entry.name,
    `"${entry.name}" in the zip archive`,
  );
}

function openDocument(bytes: Buffer, entryName: string | null, documentName: string): KemContainer {
  const subject = entryName === null ? 'it' : documentName;
  if (bytes[contentStart(bytes)] !== 0x3c || looksLikeHtml(bytes))
    throw new NotKemError(describeContent(bytes), '', subject);
  const root = parseXml(bytes, documentName);
  const encrypted = findElement(root, 'EncryptedData');
  if (encrypted) return { entryName, encrypted, root, documentName };
  if (isMeterListRoot(root.local)) return { entryName, encrypted: null, root, documentName };
  if (root.local.toLowerCase() === 'html') throw new NotKemError('an HTML page', '', subject);
  throw new NotKemError(
    `an XML document whose root element is <${root.name}>`,
    'A KEM file holds <EncryptedData> (or, unencrypted, <MetersInOrder> or <Devices>).',
    subject,
  );
}

/** "a.pdf, b.txt and 3 more" */
function listed(names: string[]): string {
  const shown = names.slice(0, 3).map((n) => `"${n}"`);
  const more = names.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}
