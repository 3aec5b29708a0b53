import { z } from 'zod';
import { checkAesKey, checkManufacturerKey, checkMeterId, type RuleCheck } from './meter-rules';

// The rules of meter-rules.ts as zod schemas for the IPC contract: each takes the text as typed
// and hands the handler the normalised value, or fails with the rule's own words.

/** Longer text than any separator-laden paste of a valid value is refused before the rule runs. */
function ruleSchema(maxLength: number, check: (text: string) => RuleCheck) {
  return z
    .string()
    .max(maxLength)
    .transform((text, ctx) => {
      const checked = check(text);
      if (checked.ok) return checked.value;
      ctx.addIssue({ code: 'custom', message: checked.problem });
      return z.NEVER;
    });
}

/** 8 digits; spaces ignored. */
export const MeterIdSchema = ruleSchema(64, (text) => checkMeterId(text));
/** 32 hex digits, any case, separators ignored; becomes upper case. Never echoed in an issue. */
export const AesKeySchema = ruleSchema(256, (text) => checkAesKey(text));
/** Three letters; becomes lower case. */
export const ManufacturerKeySchema = ruleSchema(64, (text) => checkManufacturerKey(text));
