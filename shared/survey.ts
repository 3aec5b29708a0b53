import { z } from 'zod';

// "Meters in range": every meter the stick hears, monitored or not, as the core's survey keeps it
// (electron/core/survey/) and the UI, the exports and `cli survey` show it. Plain JSON, no secrets:
// whether a key is held, never the key.

export const SIGNAL_VERDICTS = ['good', 'fair', 'weak', 'poor', 'unknown'] as const;
export const SignalVerdictSchema = z.enum(SIGNAL_VERDICTS);
export type SignalVerdict = z.infer<typeof SignalVerdictSchema>;

export const SurveyMeterSchema = z.object({
  deviceId: z.string(),
  manufacturer: z.string(),
  medium: z.string(),
  /** The device type byte of the link header (EN 13757-3 Table 12); `medium` is its name. */
  deviceType: z.number().int(),
  version: z.number().int(),
  /** The driver the registry picks from the header ('omnipower', 'multical21', 'generic'), and its words. */
  driver: z.string(),
  driverLabel: z.string(),
  monitored: z.boolean(),
  /** From the header: ELL AES-CTR, TPL mode 5 AES-CBC, none, another mode; null when the header is cut short. */
  encryption: z.enum(['none', 'aes-ctr', 'aes-cbc', 'other']).nullable(),
  encrypted: z.boolean().nullable(),
  keyHeld: z.boolean(),
  /** Seen so far: from the TPL-CI when in clear, or from decoding with a held key. */
  frameKinds: z.array(z.enum(['long', 'compact'])),
  /** dBm as the stick converts its RSSI byte; null when the stick attaches no RSSI. */
  rssiLastDbm: z.number().nullable(),
  rssiMinDbm: z.number().nullable(),
  rssiMeanDbm: z.number().nullable(),
  rssiMaxDbm: z.number().nullable(),
  /** Telegrams heard, each once; `duplicates` are the same bytes heard again within seconds (a repeater). */
  telegrams: z.number().int(),
  duplicates: z.number().int(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** The send interval measured: the median gap between telegrams, in seconds; null before two gaps. */
  intervalS: z.number().nullable(),
  /** Telegrams that should have come between those heard, against that interval. */
  missed: z.number().int(),
  /** Silent for at least SILENT_AFTER_INTERVALS of its intervals when the snapshot was taken. */
  silent: z.boolean(),
  /** From the mean RSSI (shared/survey-rules.ts: SIGNAL_BANDS). */
  verdict: SignalVerdictSchema,
});
export type SurveyMeterView = z.infer<typeof SurveyMeterSchema>;

export const SurveySchema = z.object({
  startedAt: z.string(),
  /** When listening stopped (the gateway was stopped); null while it listens. */
  endedAt: z.string().nullable(),
  /** When this snapshot was taken: `silent` and `missed` are as of then. */
  at: z.string(),
  meters: z.array(SurveyMeterSchema),
  /** The bounds that keep memory flat: meters kept, gaps kept per meter. */
  maxMeters: z.number().int(),
  maxGaps: z.number().int(),
  /** Meters dropped (the least recently heard, never a monitored one first) once `maxMeters` were kept. */
  evicted: z.number().int(),
  /** Frames too short to name a meter. */
  unreadable: z.number().int(),
});
export type SurveyView = z.infer<typeof SurveySchema>;
