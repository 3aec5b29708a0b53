// Checks a hand-typed meter before it is sent, with the shared rules' words (shared/meter-rules.ts),
// so the form refuses exactly what main would refuse and says how to fix it.
import { checkAesKey, checkManufacturerKey, checkMeterId } from '../../../shared/meter-rules';

export interface MeterDraft {
  deviceId: string;
  key: string;
  manufacturerKey: string;
}

export type MeterDraftErrors = Partial<Record<keyof MeterDraft, string>>;

export type MeterDraftCheck = { ok: true; value: MeterDraft } | { ok: false; errors: MeterDraftErrors };

export function checkMeterDraft(draft: MeterDraft): MeterDraftCheck {
  const deviceId = checkMeterId(draft.deviceId);
  const key = checkAesKey(draft.key);
  const manufacturerKey = checkManufacturerKey(draft.manufacturerKey);
  if (deviceId.ok && key.ok && manufacturerKey.ok) {
    return {
      ok: true,
      value: { deviceId: deviceId.value, key: key.value, manufacturerKey: manufacturerKey.value },
    };
  }
  // Every field's problem at once, so the technician fixes the form in one go.
  const errors: MeterDraftErrors = {};
  if (!deviceId.ok) errors.deviceId = deviceId.problem;
  if (!key.ok) errors.key = key.problem;
  if (!manufacturerKey.ok) errors.manufacturerKey = manufacturerKey.problem;
  return { ok: false, errors };
}
