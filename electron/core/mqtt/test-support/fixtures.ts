import type { Logger } from '../../logger';
import { defaultSubscribeTopic, loopbackProfile, type Profile } from '../../settings/profile';

/** A plain-TCP profile for 127.0.0.1 with the given changes. */
export function testProfile(overrides: Partial<Profile> = {}): Profile {
  const gatewayId = '706462169';
  return {
    ...loopbackProfile('test', 0),
    keepalive: 30,
    gatewayId,
    subscribeTopic: defaultSubscribeTopic(gatewayId),
    ...overrides,
  };
}

/** A logger that keeps its lines, so tests can check what would be logged (and what not). */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => void lines.push(`${level} ${message}`);
  return { lines, debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** Resolves when `predicate` holds, polling; rejects after `timeoutMs` (liveness only). */
export async function eventually(
  predicate: () => boolean,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
