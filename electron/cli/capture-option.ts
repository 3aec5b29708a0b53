import path from 'node:path';
import { readPackageInfo } from '../core/app/app-core';
import { CaptureRecording } from '../core/app/capture-recording';
import { CaptureError } from '../core/capture';
import type { GatewayRuntime } from '../core/gateway';
import { UsageError, type CliIo } from './io';
import { PACKAGE_JSON } from './paths';

/**
 * `run --capture FILE`: records the session into FILE (gzip when it ends in .gz) from before the
 * stick opens until the run stops, and says so in one JSON line each way. A file that cannot be
 * created stops the run before it starts (exit 2).
 */
export async function startRunCapture(
  runtime: GatewayRuntime,
  file: string | undefined,
  io: CliIo,
): Promise<{ stop(): Promise<void> } | null> {
  if (file === undefined) return null;
  const info = readPackageInfo(PACKAGE_JSON);
  let recording: CaptureRecording;
  try {
    recording = await CaptureRecording.start(runtime, {
      file: path.resolve(file),
      app: `${info.name} ${info.version}`,
    });
  } catch (error) {
    await runtime.stop(); // not started yet, but the demo's broker may be listening
    if (error instanceof CaptureError) throw new UsageError(`--capture: ${error.message}`);
    throw error;
  }
  io.out({ event: 'capture', at: new Date().toISOString(), file: recording.file, state: 'recording' });
  return {
    async stop() {
      const summary = await recording.stop();
      io.out({ event: 'capture', at: new Date().toISOString(), state: 'stopped', ...summary });
    },
  };
}
