import type { ConnectionOutcome } from '../../../shared/mqtt/types';
import type { Logger } from '../logger';
import type { Profile } from '../settings/profile';
import { MqttSession } from './session';

export interface ProbeOptions {
  logger: Logger;
  /** TCP + TLS + CONNACK within this many ms. */
  timeoutMs: number;
  clock?: () => Date;
  readFile?: (file: string) => Buffer;
}

/** Connects once (no retries), disconnects cleanly and returns the outcome in words. */
export async function probeConnection(profile: Profile, options: ProbeOptions): Promise<ConnectionOutcome> {
  const session = new MqttSession({
    profile,
    logger: options.logger,
    reconnect: false,
    connectTimeoutMs: options.timeoutMs,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.readFile ? { readFile: options.readFile } : {}),
  });
  const outcome = session.nextOutcome();
  session.start();
  const result = await outcome;
  await session.stop();
  return result;
}
