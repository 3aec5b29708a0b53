import { z } from 'zod';
import { GatewayStatusSchema } from './gateway';
import { KEM_TOO_LARGE, KEM_UPLOAD_MAX_BYTES } from './kem-limits';
import { MeterIdSchema } from './meter-schemas';

// Importing a Kamstrup KEM key file from the window (docs/ARCHITECTURE.md § KEM files): the file's
// bytes and its password go to main, which answers with the meters found — never their keys — and
// then imports the ones the technician ticked. The command line prints the same import lines.

export { KEM_UPLOAD_MAX_BYTES } from './kem-limits';
const BASE64_MAX_CHARACTERS = Math.ceil(KEM_UPLOAD_MAX_BYTES / 3) * 4;
/** Long enough for main to say in words that a password is too long (KEM passwords are ≤ 16 bytes). */
const PASSWORD_MAX_CHARACTERS = 64;
/** More meters than any file this size could list. */
const MAX_METERS = 20_000;

export const KemFileInputSchema = z.strictObject({
  /** The file's bytes, base64. */
  file: z
    .string()
    .max(BASE64_MAX_CHARACTERS, KEM_TOO_LARGE)
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'the file bytes must be base64'),
  /** The password as typed; empty when the file is not encrypted. Main checks its length in words. */
  password: z.string().max(PASSWORD_MAX_CHARACTERS, 'A KEM password is at most 16 characters.'),
});

/** A meter the file lists, as the window may see it: everything but the key. */
export const KemMeterPreviewSchema = z.object({
  /** Position in the file, from 1. */
  index: z.number().int(),
  /** The wM-Bus id (8 digits), or the text the file has when that is not an id. */
  id: z.string(),
  /** Kamstrup's model name, e.g. OmniPower, MC21. */
  model: z.string(),
  /** What it measures, as the file says, e.g. Electricity, ColdWater. */
  consumption: z.string(),
  /** The customer's number for the meter. */
  meterNumber: z.string(),
  manufacturerKey: z.string(),
  /** The driver that decodes this model, when one of ours is known to. */
  driver: z.object({ name: z.string(), label: z.string() }).nullable(),
  /** Why it cannot be imported (bad id, bad key, listed twice); empty when it can. */
  problems: z.array(z.string()),
  /** Whether it is monitored already, and with the file's key or another one. */
  monitored: z.enum(['no', 'same-key', 'other-key']),
});
export type KemMeterPreview = z.infer<typeof KemMeterPreviewSchema>;

export const KemPreviewSchema = z.object({
  /** The KEM file's name inside the zip archive; null when the file itself was the KEM file. */
  entryName: z.string().nullable(),
  /** False for a meter list that was never encrypted (its keys were readable by anyone). */
  encrypted: z.boolean(),
  form: z.enum(['MetersInOrder', 'Devices']),
  meters: z.array(KemMeterPreviewSchema),
});
export type KemPreview = z.infer<typeof KemPreviewSchema>;

export const KemImportRequestSchema = KemFileInputSchema.extend({
  /** The meters to monitor, by id. */
  ids: z.array(MeterIdSchema).max(MAX_METERS),
  /** Those among them whose monitored key the technician agreed to replace. */
  replace: z.array(MeterIdSchema).max(MAX_METERS),
});

/** One imported (or not) meter: the line `cli keys import` prints, and what the window shows. */
export const KemImportLineSchema = z.object({
  id: z.string(),
  model: z.string(),
  /** What it measures (the file's consumption type). */
  type: z.string(),
  imported: z.boolean(),
  /** Why not imported, or what was special ("already monitored with this key"); null otherwise. */
  reason: z.string().nullable(),
});
export type KemImportLine = z.infer<typeof KemImportLineSchema>;

export const KemImportResultSchema = z.object({
  results: z.array(KemImportLineSchema),
  /** The status after the import, so the window shows the new monitored list at once. */
  status: GatewayStatusSchema,
  /** Something the technician should know about where the meters went, or null. */
  note: z.string().nullable(),
});
export type KemImportResult = z.infer<typeof KemImportResultSchema>;
