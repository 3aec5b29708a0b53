import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_METER, demoMeterKey } from '../core/demo';
import { PtyPair } from '../core/stick/fixtures/pty-pair';
import { ScriptedStick } from '../core/stick/fixtures/scripted-stick';
import { encodeHciFrame, HciEndpoint, RadioLinkMessage } from '../core/stick/hci';
import { SimulatedOmniPower } from '../core/stick/simulated-meter';
import { eventually } from '../core/mqtt/test-support/fixtures';
import { Drill, eventsOf, residentBytes, sleep, type Child } from './support';

// Drills on the serial line, every part real: `cli run` (demo profile: its own broker, the demo
// meter monitored) reads a socat pseudo-terminal; the far end is `cli stick-sim` or a scripted
// iM871A in this process.

let drill: Drill;
let pair: PtyPair;

afterEach(async () => {
  await pair?.stop();
  await drill?.cleanup();
});

function setup(name: string) {
  PtyPair.assertSocatInstalled();
  drill = new Drill(name);
  pair = new PtyPair(drill.file('host'), drill.file('stick'));
}

const runOn = (port: string) =>
  drill.cli(['run', '--profile', 'demo', '--port', port, '--outbox', 'none', '--flush-timeout', '2']);
const stickSim = () => drill.cli(['stick-sim', '--port', pair.stickPath, '--interval-ms', '80', '--chunked']);
const okTelegrams = (run: Child, since = '') =>
  eventsOf(run, 'telegram').filter(
    (t) => t['deviceId'] === DEMO_METER.id && t['ok'] === true && (t['at'] as string) > since,
  );

describe('drill: the stick pseudo-terminal closed and reopened', () => {
  it('sees the stick go away, reopens it at the same path and decodes the telegrams after it', async () => {
    setup('pty-reopen');
    await pair.start();
    let sim = stickSim();
    const run = runOn(pair.hostPath);
    await eventually(() => okTelegrams(run).length >= 3, 30_000, 'telegrams before the close');

    await pair.stop(); // both links vanish, as /dev/ttyUSB0 does on unplug
    await sim.kill('SIGTERM');
    await eventually(
      () => eventsOf(run, 'stick').some((s) => s['state'] === 'unplugged'),
      10_000,
      'the run to notice',
    );
    const closedAt = new Date().toISOString();
    await sleep(300);

    await pair.start();
    sim = stickSim();
    await eventually(() => okTelegrams(run, closedAt).length >= 3, 30_000, 'telegrams after the reopen');
    // The driver answers for the stick again (ping, link mode) and says so.
    const lastState = () => eventsOf(run, 'stick').at(-1)?.['state'];
    await eventually(() => lastState() === 'receiving', 10_000, 'the stick to be receiving again');
    // Each decoded telegram after the reopen was published (the demo meter is monitored).
    await eventually(
      () => eventsOf(run, 'published').filter((p) => (p['at'] as string) > closedAt).length >= 12,
      10_000,
      'data published after the reopen',
    );
    expect(run.process.exitCode).toBeNull();
    await run.kill('SIGINT');
    expect(await run.exited).toBe(0);
  }, 90_000);
});

describe('drill: 10 MB of random bytes on the serial line', () => {
  it('survives them with bounded memory and decodes every good frame after them', async () => {
    setup('noise');
    await pair.start();
    const stick = new ScriptedStick(pair.stickPath);
    await stick.open();
    const run = runOn(pair.hostPath);
    try {
      await eventually(
        () => eventsOf(run, 'stick').some((s) => s['state'] === 'ready'),
        30_000,
        'the run to open the stick',
      );
      const pid = run.process.pid!;
      const rssBefore = residentBytes(pid);
      let rssPeak = rssBefore;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, residentBytes(pid))), 50);

      const junk = randomBytes(10 * 1024 * 1024);
      const started = Date.now();
      await stick.writeInPieces(junk, new Array<number>(Math.ceil(junk.length / 65536)).fill(65536));
      const noiseMs = Date.now() - started;
      await sleep(500); // let the reader work through what the pty still holds
      clearInterval(sampler);
      const afterNoise = new Date().toISOString();

      const meter = new SimulatedOmniPower({ id: DEMO_METER.id, key: demoMeterKey() });
      const good = 8;
      for (let i = 0; i < good; i++) {
        const { frame, rssi } = meter.nextTelegram(Date.now());
        await stick.writeInPieces(
          encodeHciFrame({
            endpoint: HciEndpoint.radioLink,
            messageId: RadioLinkMessage.telegramIndication,
            payload: frame,
            rssi,
          }),
          [],
        );
        await sleep(30);
      }
      await eventually(() => okTelegrams(run, afterNoise).length === good, 10_000, 'every good frame');
      expect(run.process.exitCode).toBeNull();
      const growth = rssPeak - rssBefore;
      console.info(
        `10 MB noise: written in ${noiseMs} ms, reader RSS ${mb(rssBefore)} → peak ${mb(rssPeak)} (+${mb(growth)})`,
      );
      // The framer keeps at most two frames of it; the rest is garbage Node may collect lazily.
      expect(growth).toBeLessThan(64 * 1024 * 1024);
      await run.kill('SIGINT');
      expect(await run.exited).toBe(0);
    } finally {
      await stick.close();
    }
  }, 90_000);
});

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
