import { KeyCipherCache } from './aes-ctr';
import { MULTICAL21 } from './drivers/multical21';
import { encodeApplicationLayer, encodeEllTelegram } from './encode';
import { compactFormatOf } from './format-registry';

/**
 * Multical 21 telegrams built from the EN 13757-3 rules, as the meter sends them: ELL CI 0x8D with
 * AES-128-CTR, then TPL-CI 0x78 records or a 0x79 compact frame of its common layout
 *   02 FF 20 info codes (16 bit) | 04 13 total volume (l) | 44 13 target volume (l, storage 1) |
 *   61 5B flow temperature (°C, minimum, storage 1) | 61 67 external temperature (°C, minimum, storage 1)
 * For tests and simulated meters.
 */

export const MULTICAL21_FORMAT = compactFormatOf(Buffer.from(MULTICAL21.compactFormats[0]!, 'hex'));

/** Registers as the meter holds them. */
export interface Multical21Reading {
  /** Info register: bits 0-3 dry, reverse, leak, burst now; bits 4-15 their hour counters. */
  infoCodes: number;
  totalLitres: number;
  targetLitres: number;
  flowTemperatureC: number;
  externalTemperatureC: number;
}

export interface Multical21TelegramSpec {
  id: string;
  key: Buffer;
  /** 0x16 cold water (default) or 0x06 warm water. */
  type?: 0x06 | 0x16;
  accessNumber: number;
  sessionNumber?: number;
  minuteCounter?: number;
  kind: 'long' | 'compact';
  reading: Multical21Reading;
}

/** The application layer (TPL-CI on) of a reading: what gets encrypted. */
export function multical21ApplicationLayer(kind: 'long' | 'compact', reading: Multical21Reading): Buffer {
  return encodeApplicationLayer(MULTICAL21_FORMAT, kind, [
    reading.infoCodes,
    reading.totalLitres,
    reading.targetLitres,
    reading.flowTemperatureC,
    reading.externalTemperatureC,
  ]);
}

/** One encrypted Multical 21 telegram from the C field; `app` replaces the records when given. */
export function encodeMultical21Telegram(
  spec: Multical21TelegramSpec,
  ciphers = new KeyCipherCache(1),
  app = multical21ApplicationLayer(spec.kind, spec.reading),
): Buffer {
  return encodeEllTelegram(
    { ...spec, manufacturer: 'KAM', version: 0x1b, type: spec.type ?? 0x16 },
    app,
    ciphers,
  );
}
