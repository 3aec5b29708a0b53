import { z } from 'zod';
import { PROFILE_KEYS, type ProfileKey } from './profile-rules/profile-keys';

// What the profile form and main exchange. Passwords and key passphrases travel one way only, as
// a replacement typed in the form: main never sends them, the form learns only whether one is set.

/** The secret settings: never sent to the renderer. */
export const SECRET_KEYS = ['password', 'key_passphrase'] as const satisfies readonly ProfileKey[];
export type SecretKey = (typeof SECRET_KEYS)[number];
export type PlainKey = Exclude<ProfileKey, SecretKey>;
export const PLAIN_KEYS = PROFILE_KEYS.filter(
  (key): key is PlainKey => !(SECRET_KEYS as readonly string[]).includes(key),
);

/** A value as the file holds it (the YAML types the loader understands). */
export const SettingValueSchema = z.union([
  z.string().max(4096),
  z.number(),
  z.boolean(),
  z.array(z.string().max(256)).max(32),
]);
export type SettingValue = z.infer<typeof SettingValueSchema>;

/** One profile of the file as the form edits it. */
export const EditableProfileSchema = z.object({
  name: z.string(),
  /** The settings other than secrets, as written (not defaulted, paths not resolved). */
  values: z.record(z.string(), z.unknown()),
  /** Settings the app does not know: kept in the file as they are. */
  unknownKeys: z.array(z.string()),
  hasPassword: z.boolean(),
  hasKeyPassphrase: z.boolean(),
  /** Why the form cannot change this profile (an alias, a merge key…); null when it can. */
  refusal: z.string().nullable(),
});
export type EditableProfile = z.infer<typeof EditableProfileSchema>;

export const ProfileFileSchema = z.object({
  /** null when there is no settings file to write to. */
  file: z.string().nullable(),
  /** The SHA-256 of the file as read; a save names it, so a file changed since is not overwritten. */
  hash: z.string().nullable(),
  profiles: z.array(EditableProfileSchema),
  /** Why the form cannot change this file at all (a YAML error…); null when it can. */
  refusal: z.string().nullable(),
});
export type ProfileFile = z.infer<typeof ProfileFileSchema>;

export const SecretChangeSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({ action: z.literal('replace'), value: z.string().min(1).max(4096) }),
  z.strictObject({ action: z.literal('clear') }),
]);
export type SecretChange = z.infer<typeof SecretChangeSchema>;

const PlainKeySchema = z.enum(PLAIN_KEYS as [PlainKey, ...PlainKey[]]);

export const ProfileDraftSchema = z.strictObject({
  name: z.string().min(1).max(200),
  /** The settings to write, by key; a known setting left out is removed from the file. */
  values: z.partialRecord(PlainKeySchema, SettingValueSchema),
  password: SecretChangeSchema,
  keyPassphrase: SecretChangeSchema,
  /** The saved profile whose secrets `keep` means (itself when editing, the original when duplicating). */
  secretsFrom: z.string().nullable(),
});
export type ProfileDraft = z.infer<typeof ProfileDraftSchema>;

export const ProfileSaveSchema = z.strictObject({
  /** The profile being edited; null for a new one. */
  originalName: z.string().nullable(),
  draft: ProfileDraftSchema,
  /** `hash` of the ProfileFile the form was filled from. */
  hash: z.string().nullable(),
});
export type ProfileSave = z.infer<typeof ProfileSaveSchema>;

export const ProfileDeleteSchema = z.strictObject({ name: z.string().min(1), hash: z.string().nullable() });

/** A saved profile by name, or the form's unsaved values. */
export const ProfileTestSchema = z.union([
  z.strictObject({ name: z.string().min(1) }),
  z.strictObject({ draft: ProfileDraftSchema }),
]);

export const FILE_PURPOSES = ['ca_file', 'cert_file', 'key_file'] as const;
export const FilePickSchema = z.strictObject({ purpose: z.enum(FILE_PURPOSES) });
export const FilePickResultSchema = z.object({
  /** Relative to the settings file's folder when inside it; null when the dialog was cancelled. */
  path: z.string().nullable(),
});
