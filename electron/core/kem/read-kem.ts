import { METER_LIST_ROOTS, openKemFile, type KemContainer, type MeterListRoot } from './container';
import { decryptEnvelope } from './envelope';
import { KemError, XmlError } from './errors';
import { readMeterList, type KemMeter } from './meters';
import { parseXml } from './xml';

/** What a KEM file holds, keys included (in each meter's non-enumerable `key`). */
export interface KemFile {
  /** The KEM file's name inside a zip archive; null when the file itself was the KEM file. */
  entryName: string | null;
  /** False for a meter list that was never encrypted (accepted: its keys were readable anyway). */
  encrypted: boolean;
  form: MeterListRoot;
  meters: KemMeter[];
}

/**
 * Reads a KEM file (or a zip holding one) with its password: the meters it lists, each with its
 * problems. Throws a KemError (NOT_KEM, ZIP, XML, PASSWORD, WRONG_PASSWORD, DAMAGED, UNSUPPORTED,
 * TOO_LARGE) when the file as a whole cannot be read. The password is ignored for a file in clear.
 */
export function readKemFile(bytes: Buffer, password: string): KemFile {
  return readKemContainer(openKemFile(bytes), password);
}

/** The second half of readKemFile, for callers that ask for the password only when it is needed. */
export function readKemContainer(container: KemContainer, password: string): KemFile {
  const { entryName, encrypted, documentName } = container;
  if (!encrypted) {
    const form = container.root.local as MeterListRoot;
    return { entryName, encrypted: false, form, meters: readMeterList(container.root, form) };
  }
  const plain = decryptEnvelope(encrypted, password, documentName);
  let root;
  try {
    root = parseXml(plain, 'The decrypted content');
  } catch (error) {
    if (!(error instanceof XmlError)) throw error;
    // The first block proved the password right (see decryptEnvelope): the rest is damaged.
    throw new KemError(
      'DAMAGED',
      `The password is right, but ${documentName} is damaged: its decrypted content has ${error.problem} at byte ${error.offset}.`,
      error.offset,
    );
  }
  const form = METER_LIST_ROOTS.find((r) => r === root.local);
  if (!form)
    throw new KemError(
      'UNSUPPORTED',
      `The password is right, but ${documentName} holds a <${root.name}> list, not the meter lists this app knows (<MetersInOrder> or <Devices>).`,
    );
  return { entryName, encrypted: true, form, meters: readMeterList(root, form) };
}
