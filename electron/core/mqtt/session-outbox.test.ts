import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { Outbox } from './outbox';
import { MqttSession } from './session';
import { freePort, startTestBroker, type TestBroker } from './test-support/aedes-broker';
import { eventually, memoryLogger, testProfile } from './test-support/fixtures';

// Store-and-forward across restarts of the session object, of the app (a crash), and of the broker.

const FAST_RETRY = { initialMs: 20, maxMs: 100, factor: 2, jitter: 0 };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function outboxFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gd-outbox-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return path.join(dir, 'lab.outbox.jsonl');
}

function newSession(port: number, file: string, maxInflight = 32): MqttSession {
  const session = new MqttSession({
    profile: testProfile({ port }),
    logger: memoryLogger(),
    outbox: Outbox.open({ file }),
    backoff: FAST_RETRY,
    maxInflight,
  });
  cleanups.push(() => session.stop());
  return session;
}

async function broker(port?: number): Promise<TestBroker> {
  const b = await startTestBroker(port === undefined ? {} : { port });
  cleanups.push(() => b.close());
  return b;
}

const payloads = (b: TestBroker, topic: string) =>
  b.received.filter((p) => p.topic === topic).map((p) => p.payload.toString());

describe('store-and-forward', () => {
  it('keeps offline messages across a restart of the session object and sends them in order', async () => {
    const port = await freePort();
    const file = outboxFile();
    const first = newSession(port, file);
    first.start();
    for (let i = 0; i < 25; i++)
      expect((await first.publish({ topic: 'r/1', payload: `m${i}`, qos: 1 })).result).toBe(4);
    await first.stop();

    const second = newSession(port, file);
    expect(second.snapshot().outbox.count).toBe(25);
    const b = await broker(port);
    second.start();
    await eventually(() => payloads(b, 'r/1').length === 25);
    expect(payloads(b, 'r/1')).toEqual(Array.from({ length: 25 }, (_, i) => `m${i}`));
    await eventually(() => second.snapshot().outbox.count === 0);
  });

  it('keeps them across a crash of the app (SIGKILL while offline)', { timeout: 30_000 }, async () => {
    const port = await freePort();
    const file = outboxFile();
    const script = fileURLToPath(new URL('./test-support/crash-publisher.ts', import.meta.url));
    const child = spawnSync(process.execPath, ['--import', 'tsx', script, file, String(port), '40'], {
      encoding: 'utf8',
    });
    expect(child.stdout).toContain('queued 40');
    expect(child.signal).toBe('SIGKILL');

    const b = await broker(port);
    const session = newSession(port, file);
    session.start();
    await eventually(() => payloads(b, 'crash/test').length === 40);
    expect(payloads(b, 'crash/test')).toEqual(Array.from({ length: 40 }, (_, i) => `c${i}`));
  });

  it(
    'loses nothing when the broker restarts in the middle of QoS 1 publishing',
    { timeout: 30_000 },
    async () => {
      const first = await broker();
      const port = first.port;
      const maxInflight = 16;
      const session = newSession(port, outboxFile(), maxInflight);
      const states: string[] = [];
      session.on('state', (status) => states.push(status.state));
      session.start();
      await eventually(() => session.state === 'connected');

      const total = 600;
      const results = [];
      let second: TestBroker | null = null;
      for (let i = 0; i < total; i++) {
        results.push(session.publish({ topic: 'restart/test', payload: `n${i}`, qos: 1 }));
        if (i === 200) {
          await eventually(() => payloads(first, 'restart/test').length > 50);
          await first.close();
        }
        if (i === 400) second = await broker(port);
        if (i % 50 === 0) await new Promise((resolve) => setTimeout(resolve, 5));
      }
      await Promise.all(results);
      await eventually(() => session.snapshot().outbox.count === 0, 20_000, 'the outbox to drain');

      expect(states).toContain('reconnecting');
      const seen = [...payloads(first, 'restart/test'), ...payloads(second!, 'restart/test')];
      const distinct = [...new Set(seen)];
      expect(distinct).toHaveLength(total);
      // Order of first arrival is the publishing order.
      expect(distinct).toEqual(Array.from({ length: total }, (_, i) => `n${i}`));
      // Duplicates only for what was unacknowledged when the connection broke (QoS 1 allows those).
      expect(seen.length - distinct.length).toBeLessThanOrEqual(maxInflight);
    },
  );
});
