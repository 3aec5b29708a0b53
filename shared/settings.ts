import { z } from 'zod';

/** One problem found in a settings file, located so a technician can fix it. */
export const SettingsProblemSchema = z.object({
  severity: z.enum(['error', 'warning']),
  file: z.string(),
  /** 1-based line in `file`; null when the problem is about the file as a whole. */
  line: z.number().int().positive().nullable(),
  /** Dotted key path, e.g. `recalc.port`; null when no key is involved (e.g. YAML syntax). */
  key: z.string().nullable(),
  message: z.string(),
});
export type SettingsProblem = z.infer<typeof SettingsProblemSchema>;

/**
 * What the renderer may know about a connection profile. Secrets are reduced to booleans:
 * passwords and key passphrases never leave the main process.
 */
export const ProfileViewSchema = z.object({
  name: z.string(),
  /** The built-in demo profile (in-process broker + virtual stick). */
  demo: z.boolean(),
  host: z.string(),
  port: z.number().int(),
  transport: z.enum(['tcp', 'websockets']),
  wsPath: z.string().nullable(),
  tls: z.boolean(),
  /** Certificate verification switched off on purpose: the UI shows this as a warning. */
  tlsInsecure: z.boolean(),
  caFile: z.string().nullable(),
  certFile: z.string().nullable(),
  keyFile: z.string().nullable(),
  servername: z.string().nullable(),
  alpn: z.array(z.string()).nullable(),
  protocolVersion: z.union([z.literal(4), z.literal(5)]),
  clientId: z.string().nullable(),
  keepalive: z.number().int(),
  username: z.string().nullable(),
  hasPassword: z.boolean(),
  hasKeyPassphrase: z.boolean(),
  gatewayId: z.string().nullable(),
  subscribeTopic: z.string().nullable(),
  qos: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  dataFormat: z.enum(['per-channel', 'array']),
});
export type ProfileView = z.infer<typeof ProfileViewSchema>;

export const SettingsViewSchema = z.object({
  /** Absolute path of the file that was read; null when none was found (demo only). */
  file: z.string().nullable(),
  loadedAt: z.string(),
  profiles: z.array(ProfileViewSchema),
  problems: z.array(SettingsProblemSchema),
});
export type SettingsView = z.infer<typeof SettingsViewSchema>;
