import { checkAesKey, checkManufacturerKey, checkMeterId } from '../../../shared/meter-rules';

/**
 * The cloud's `sensors/set` command (docs/ARCHITECTURE.md § ReMoni API v2): a JSON array of meters to monitor. The original
 * documentation spelt the keys in camelCase while its code read PascalCase, so both are accepted.
 * A bad entry is rejected with its reason and the good ones still apply; a malformed payload is an
 * error, never a crash (the original gateway crashed on one).
 */

export interface MonitoredMeterSpec {
  deviceId: string;
  manufacturerKey: string;
  /** 16-byte AES key; never logged, never sent to the renderer. */
  encryptionKey: Buffer;
  manufacturerDeviceKey: string | null;
}

export interface RejectedEntry {
  /** 0-based position in the array. */
  index: number;
  /** The entry's device id when readable, so the technician can find it. */
  deviceId: string | null;
  reason: string;
}

export type SensorsSetCommand =
  { ok: true; meters: MonitoredMeterSpec[]; rejected: RejectedEntry[] } | { ok: false; error: string };

/** Reads a field in either spelling: `deviceId` or `DeviceId`. */
function field(entry: Record<string, unknown>, camel: string): unknown {
  const pascal = camel[0]!.toUpperCase() + camel.slice(1);
  return entry[camel] !== undefined ? entry[camel] : entry[pascal];
}

export function parseSensorsSet(payload: Buffer | string): SensorsSetCommand {
  const text = typeof payload === 'string' ? payload : payload.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    // Not JSON.parse's own message: it quotes the text around the mistake, which may be a key.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` (at character ${position})`;
    return { ok: false, error: `the command is not JSON${where}: check its brackets, quotes and commas` };
  }
  if (!Array.isArray(parsed)) {
    return { ok: false, error: `the command must be a JSON array of meters, got ${describe(parsed)}` };
  }
  const meters: MonitoredMeterSpec[] = [];
  const rejected: RejectedEntry[] = [];
  const seen = new Set<string>();
  parsed.forEach((entry: unknown, index) => {
    const result = parseEntry(entry);
    if ('reason' in result) return rejected.push({ index, deviceId: result.deviceId, reason: result.reason });
    if (seen.has(result.deviceId)) {
      return rejected.push({
        index,
        deviceId: result.deviceId,
        reason: `meter ${result.deviceId} is listed twice; the first entry is used`,
      });
    }
    seen.add(result.deviceId);
    meters.push(result);
  });
  return { ok: true, meters, rejected };
}

function parseEntry(entry: unknown): MonitoredMeterSpec | { deviceId: string | null; reason: string } {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    return { deviceId: null, reason: `each meter must be a JSON object, got ${describe(entry)}` };
  }
  const record = entry as Record<string, unknown>;
  const rawId = field(record, 'deviceId');
  if (rawId === undefined) return { deviceId: null, reason: 'deviceId is missing' };
  // A number is the id with its leading zeros lost in JSON: 1234567 is meter 01234567.
  const idText =
    typeof rawId === 'number' && Number.isInteger(rawId) ? String(rawId).padStart(8, '0') : rawId;
  if (typeof idText !== 'string') {
    return { deviceId: null, reason: `deviceId must be the meter's 8-digit number, got ${describe(idText)}` };
  }
  const id = checkMeterId(idText, 'deviceId');
  if (!id.ok) return { deviceId: null, reason: id.problem };
  const deviceId = id.value;
  const rawManufacturer = field(record, 'manufacturerKey');
  const manufacturer =
    typeof rawManufacturer === 'string' ? checkManufacturerKey(rawManufacturer, 'manufacturerKey') : null;
  if (!manufacturer?.ok) {
    const reason =
      manufacturer?.problem ?? `manufacturerKey must be text such as "kam", got ${describe(rawManufacturer)}`;
    return { deviceId, reason };
  }
  const rawKey = field(record, 'encryptionKey');
  if (typeof rawKey !== 'string') return { deviceId, reason: 'encryptionKey is missing or not text' };
  // The rule's words never repeat the key: commands end up in logs.
  const key = checkAesKey(rawKey, 'encryptionKey');
  if (!key.ok) return { deviceId, reason: key.problem };
  const deviceKey = field(record, 'manufacturerDeviceKey');
  return {
    deviceId,
    manufacturerKey: manufacturer.value,
    encryptionKey: Buffer.from(key.value, 'hex'),
    manufacturerDeviceKey: typeof deviceKey === 'string' ? deviceKey : null,
  };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length > 40 ? `a ${value.length}-character text` : JSON.stringify(value);
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
