import type { MBusRecord } from '../records';
import type { FieldSource, MeterDriver, WmbusmetersDerived } from './driver';
import { findRecord, unsignedRaw } from './fields';
import {
  kamstrupStatusInWords,
  wmbusmetersCurrentStatus,
  wmbusmetersDurations,
  wmbusmetersStatus,
} from './kamstrup-info-codes';

/**
 * Kamstrup Multical 21 / flowIQ water meters: ELL CI 0x8D with AES-128-CTR as the OmniPower, then a
 * long (TPL-CI 0x78) or compact (0x79) frame. A common layout is
 *   02 FF 20 info codes | 04 13 total volume, litres | 44 13 target volume (storage 1) |
 *   61 5B flow temperature (minimum, storage 1) | 61 67 external temperature (minimum, storage 1).
 * Detection triples and compact formats as wmbusmeters lists them for its multical21/kamwater driver
 * (src/driver_multical21.cc, drivers/src/kamwater.xmq). API v2 defines no water channels: decoded and
 * shown, never published.
 */

const INFO_REGISTER: FieldSource = { difVif: ['02ff20', '04ff23'] };
const VOLUME = [0x10, 0x17] as const;
const VOLUME_FLOW = [0x38, 0x3f] as const;
const FLOW_TEMPERATURE = [0x58, 0x5b] as const;
const EXTERNAL_TEMPERATURE = [0x64, 0x67] as const;

/** The info register as the unsigned integer it is, with its size; undefined when the telegram has none. */
function infoRegister(records: readonly MBusRecord[]): { raw: number; length: number } | undefined {
  const record = findRecord(INFO_REGISTER, records);
  const raw = record === undefined ? undefined : unsignedRaw(record);
  return raw === undefined ? undefined : { raw, length: record!.dataLength };
}

/** A wmbusmeters field of the 16-bit info register only (the 32-bit status has no hour counters). */
const fromInfoCodes =
  (pick: (raw: number) => string): WmbusmetersDerived =>
  (records) => {
    const info = infoRegister(records);
    return info === undefined || info.length > 2 ? undefined : pick(info.raw);
  };

const duration = (field: string) => fromInfoCodes((raw) => wmbusmetersDurations(raw)[field]!);

export const MULTICAL21: MeterDriver = {
  name: 'multical21',
  label: 'Kamstrup Multical 21 / flowIQ water meter',
  detect: [
    { manufacturer: 'KAM', type: 0x06, version: 0x1b }, // Multical 21, warm water
    { manufacturer: 'KAM', type: 0x16, version: 0x1b }, // Multical 21, cold water
    { manufacturer: 'KAM', type: 0x16, version: 0x1d }, // flowIQ 2200
    { manufacturer: 'KAW', type: 0x16, version: 0x3a }, // flowIQ 2200
    { manufacturer: 'KAW', type: 0x16, version: 0x3c }, // flowIQ 2200
    { manufacturer: 'KAW', type: 0x06, version: 0x42 }, // KWM2230 / 3230, warm water
    { manufacturer: 'KAW', type: 0x16, version: 0x42 }, // KWM2230 / 3230, cold water
  ],
  linkModes: ['C1'],
  compactFormats: [
    '02ff2004134413615b6167', // Multical 21: info, total, target, flow and external temperature (0xA8ED)
    '02ff20041392013ba1015b8101e7ff0f', // Multical 21 with max flow instead of target (0xC412)
    '04ff234413523b06ff1b426c61675167023b04138101e7ff0f', // flowIQ 2200
    '02ff2004134413426c523b615b616751678101e7ff0f06ff1b', // flowIQ 2200
    '04ff2304134413426c023b92013ba2013b06ff1ba1015b91015ba10167', // KWM2231
  ],
  fields: [
    {
      kind: 'number',
      name: 'total_volume',
      label: 'total volume',
      unit: 'm3',
      scale: 0,
      source: { vif: VOLUME, unit: 'm3' },
    },
    {
      kind: 'number',
      name: 'target_volume',
      label: 'target volume (at the target date)',
      unit: 'm3',
      scale: 0,
      source: { vif: VOLUME, unit: 'm3', storage: 1 },
    },
    {
      kind: 'number',
      name: 'flow_temperature',
      label: 'water temperature',
      unit: 'C',
      scale: 0,
      source: { vif: FLOW_TEMPERATURE, unit: '°C', function: 'any', storage: 'any' },
    },
    {
      kind: 'number',
      name: 'external_temperature',
      label: 'meter (ambient) temperature',
      unit: 'C',
      scale: 0,
      source: { vif: EXTERNAL_TEMPERATURE, unit: '°C', function: 'any', storage: 'any' },
    },
    {
      kind: 'number',
      name: 'max_flow',
      label: 'maximum flow',
      unit: 'm3/h',
      scale: 0,
      source: { vif: VOLUME_FLOW, unit: 'm3/h', function: 'maximum', storage: 'any' },
    },
    {
      kind: 'text',
      name: 'info_codes',
      label: 'info codes',
      source: INFO_REGISTER,
      text: (raw, record) => kamstrupStatusInWords(raw, record.dataLength),
    },
  ],
  channels: [],
  unpublishedReason:
    'ReMoni API v2 defines no channels for water meters, so this meter is decoded and shown but not published.',
  wmbusmeters: {
    driver: 'multical21',
    fields: [
      [
        'status',
        (records) => {
          const info = infoRegister(records);
          return info === undefined ? undefined : wmbusmetersStatus(info.raw, info.length);
        },
      ],
      ['total_m3', 'total_volume'],
      ['target_m3', 'target_volume'],
      ['flow_temperature_c', 'flow_temperature'],
      ['external_temperature_c', 'external_temperature'],
      ['max_flow_m3h', 'max_flow'],
      ['current_status', fromInfoCodes(wmbusmetersCurrentStatus)],
      ['time_dry', duration('time_dry')],
      ['time_reversed', duration('time_reversed')],
      ['time_leaking', duration('time_leaking')],
      ['time_bursting', duration('time_bursting')],
    ],
  },
};
