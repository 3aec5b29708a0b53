import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { StickKind } from '../../shared/stick-kinds';
import { PtyPair } from '../core/stick/fixtures/pty-pair';
import { eventually } from '../core/mqtt/test-support/fixtures';
import { startMosquitto, type Mosquitto } from '../core/mqtt/test-support/mosquitto';
import { Drill, eventsOf, sleep, type Child } from './support';

// Either stick, end to end and every part real: `cli stick-sim --kind K` on one end of a socat
// pseudo-terminal, `cli run` on the other without --stick (a pty has no USB ids, so the run has
// to find the kind by probing), Mosquitto as the broker, and the gateway's own echo confirmation.
// Then the stick is unplugged (the pty links vanish) and plugged back in: the run resumes alone.

const GW = '706462169';
const METER = { id: '32666857', key: '9A25139E3244CC2E391A8EF6B915B697' };

let drill: Drill | undefined;
let pair: PtyPair | undefined;
let broker: Mosquitto | undefined;

afterEach(async () => {
  await pair?.stop();
  await drill?.cleanup();
  await broker?.stop();
});

async function setup(kind: StickKind): Promise<{ settings: string; stickSim: () => Child }> {
  PtyPair.assertSocatInstalled();
  drill = new Drill(`stick-${kind}`);
  pair = new PtyPair(drill.file('host'), drill.file('stick'));
  fs.mkdirSync(drill.file('broker'));
  broker = await startMosquitto({ dir: drill.file('broker'), users: { gw: 'gw-pass' } });
  const settings = drill.file('secrets.yaml');
  fs.writeFileSync(
    settings,
    [
      'lab:',
      '  host: 127.0.0.1',
      `  port: ${broker.ports.plain}`,
      '  username: gw',
      '  password: gw-pass',
      `  gateway_id: "${GW}"`,
      '  qos: 1',
      '',
    ].join('\n'),
  );
  const simArgs = [
    'stick-sim',
    '--kind',
    kind,
    '--port',
    pair.stickPath,
    '--interval-ms',
    '120',
    '--chunked',
  ];
  return { settings, stickSim: () => drill!.cli([...simArgs, '--meter', `${METER.id}=${METER.key}`]) };
}

describe.each<StickKind>(['im871a', 'iu891a'])('cli run with an %s found by probing', (kind) => {
  it('publishes to Mosquitto with echo confirmation, and resumes after an unplug', async () => {
    const { settings, stickSim } = await setup(kind);
    await pair!.start();
    let sim = stickSim();
    const run = drill!.cli([
      ...['run', '--settings', settings, '--profile', 'lab', '--port', pair!.hostPath],
      ...['--meter', `${METER.id}=${METER.key}`, '--outbox', 'none', '--flush-timeout', '2'],
    ]);
    const identified = () => eventsOf(run, 'stick-identified');
    const confirmedSince = (at: string) =>
      eventsOf(run, 'confirmed').filter((c) => (c['at'] as string) > at).length;

    await eventually(() => identified().length >= 1, 30_000, 'the stick to be identified');
    expect(identified()[0]).toMatchObject({ kind, by: 'probe', uniqueId: expect.any(String) });
    await eventually(() => confirmedSince('') >= 4, 30_000, 'data confirmed by its echo');

    await pair!.stop(); // both links vanish, as /dev/ttyUSB0 does on unplug
    await sim.kill('SIGTERM');
    await eventually(
      () => eventsOf(run, 'stick').some((s) => s['state'] === 'unplugged'),
      10_000,
      'the run to notice the unplug',
    );
    const unpluggedAt = new Date().toISOString();
    await sleep(300);
    await pair!.start();
    sim = stickSim();

    await eventually(() => confirmedSince(unpluggedAt) >= 4, 30_000, 'data confirmed after the replug');
    // The same driver resumed on its own: nothing was chosen or identified again.
    expect(identified()).toHaveLength(1);
    await eventually(
      () => eventsOf(run, 'stick').at(-1)?.['state'] === 'receiving',
      10_000,
      'the stick to be receiving again',
    );
    expect(eventsOf(run, 'telegram').some((t) => t['ok'] !== true && t['deviceId'] === METER.id)).toBe(false);

    await run.kill('SIGINT');
    expect(await run.exited).toBe(0);
    await sim.kill('SIGTERM');
  }, 120_000);
});
