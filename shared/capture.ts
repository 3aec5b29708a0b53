import { z } from 'zod';

// Captures and replays as the UI sees them (docs/ARCHITECTURE.md § Captures). Plain JSON: a capture's
// path and counters, a replay's file, speed and progress. Nothing here can carry a key.

/** A capture being written. */
export const CaptureStatusSchema = z.object({
  /** Where it is written, in full, so the technician can find the file to send. */
  file: z.string(),
  startedAt: z.string(),
  /** Records written so far (header not counted). */
  records: z.number().int(),
  /** Records lost because the disk could not keep up (each loss is also written as a gap record). */
  dropped: z.number().int(),
});
export type CaptureStatusView = z.infer<typeof CaptureStatusSchema>;

export const CAPTURE_SOURCE_FORMATS = ['gdcap', 'wmbusmeters', 'hci'] as const;
export const CaptureSourceFormatSchema = z.enum(CAPTURE_SOURCE_FORMATS);
export type CaptureSourceFormat = z.infer<typeof CaptureSourceFormatSchema>;

/** Replay speed: a factor of the recorded pace; null replays as fast as possible. */
export const ReplaySpeedSchema = z.number().min(0.1).max(1000).nullable();

/** A replay in the app: read-only, nothing is published. */
export const ReplayStatusSchema = z.object({
  file: z.string(),
  format: CaptureSourceFormatSchema,
  /** When the capture was recorded (its header), null for files that do not say. */
  recordedAt: z.string().nullable(),
  /** What it was recorded with, in words (profile, port, link mode), null when not known. */
  recordedWith: z.string().nullable(),
  speed: ReplaySpeedSchema,
  paused: z.boolean(),
  finished: z.boolean(),
  /** Telegrams handed to the decoder so far. */
  telegrams: z.number().int(),
  /** How far into the recording the replay is, in ms of recorded time. */
  positionMs: z.number(),
  /** Lines of the file that could not be read (a line cut short by a crash, garbage), the first few. */
  problems: z.array(z.object({ line: z.number().int(), message: z.string() })),
  problemCount: z.number().int(),
});
export type ReplayStatusView = z.infer<typeof ReplayStatusSchema>;

/** A capture file in the user-data folder's captures/ folder. */
export const CaptureFileSchema = z.object({
  name: z.string(),
  path: z.string(),
  bytes: z.number().int(),
  modifiedAt: z.string(),
});
export type CaptureFileView = z.infer<typeof CaptureFileSchema>;

/** A file name in the captures folder: no folder part, so a request cannot reach any other file. */
export const CaptureNameSchema = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\]/.test(name) && name !== '.' && name !== '..', {
    message: 'a capture is named by its file name in the captures folder, without a folder',
  });

export const ReplayOpenSchema = z.object({
  name: CaptureNameSchema,
  speed: ReplaySpeedSchema.default(1),
});

export const ReplayControlSchema = z.object({
  paused: z.boolean().optional(),
  /** Left out: unchanged; null: as fast as possible. */
  speed: ReplaySpeedSchema.optional(),
});

export const CaptureListSchema = z.object({
  /** The folder the app records into and opens replays from. */
  folder: z.string().nullable(),
  files: z.array(CaptureFileSchema),
});
export type CaptureListView = z.infer<typeof CaptureListSchema>;
