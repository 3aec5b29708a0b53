// Checks a hand-typed meter before it is sent, with messages that say how to fix it.

export interface MeterDraft {
  deviceId: string;
  key: string;
  manufacturerKey: string;
}

export type MeterDraftErrors = Partial<Record<keyof MeterDraft, string>>;

export type MeterDraftCheck = { ok: true; value: MeterDraft } | { ok: false; errors: MeterDraftErrors };

/** Keys are often copied with spaces, colons or dashes between the bytes (meter sheets, other tools). */
export function normaliseKey(key: string): string {
  return key.replace(/[\s:_-]/g, '');
}

export function checkMeterDraft(draft: MeterDraft): MeterDraftCheck {
  const deviceId = draft.deviceId.replace(/\s/g, '');
  const key = normaliseKey(draft.key);
  const manufacturerKey = draft.manufacturerKey.trim().toLowerCase();
  const errors: MeterDraftErrors = {};

  if (deviceId === '') errors.deviceId = 'Enter the meter id: the 8 digits printed on the meter.';
  else if (!/^\d{8}$/.test(deviceId))
    errors.deviceId = `The meter id is 8 digits (e.g. 32666857); "${deviceId}" has ${describeId(deviceId)}.`;

  const stray = key.match(/[^0-9a-fA-F]/);
  if (key === '') errors.key = 'Enter the AES key: 32 hex digits (0–9, A–F).';
  else if (stray) errors.key = `The AES key may contain only 0–9 and A–F; "${stray[0]}" is not a hex digit.`;
  else if (key.length !== 32)
    errors.key = `The AES key is 32 hex digits (16 bytes); this one has ${key.length}.`;

  if (!/^[a-z]{3}$/.test(manufacturerKey))
    errors.manufacturerKey = 'The manufacturer key is three letters, e.g. "kam" for Kamstrup.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { deviceId, key: key.toUpperCase(), manufacturerKey } };
}

function describeId(id: string): string {
  if (/\D/.test(id)) return 'characters that are not digits';
  return `${id.length} digit${id.length === 1 ? '' : 's'}`;
}
