import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openReplayFile } from './open-replay';
import type { ReplayItem } from './replay-item';
import { scratch, SIMULATION_OMNIPOWER } from './test-support/telegrams';
import { parseSimulationLine, simulationLine } from './wmbusmeters';

const tmp = scratch('wmbusmeters');
afterAll(() => tmp.remove());

/**
 * Lines in the syntax of wmbusmeters/wmbusmeters simulations/simulation_c1.txt (comments, `_` in
 * the hex, the expected JSON after each telegram) and of src/wmbus_simulator.cc (`+seconds`).
 */
const SIMULATION_WITH_TIMES = [
  '# Test Kamstrup OmniPower C1 tlg',
  '# Full tlg',
  'telegram=|2D442D2C5768663230028D20E4E2C81C20878C78_04041A03000004843C00000000042B0300000004AB3C00000000|',
  '{"media":"electricity","meter":"omnipower","id":"32666857","total_energy_consumption_kwh":7.94}',
  '',
  'telegram=|27442D2C5768663230028D20E900C91C2011BA79138CCCFB_1A030000000000000300000000000000|+24',
  'telegram=||27442D2C5768663230028D20AD00C81C20A12513459083CBF117E7D3213A844ABF3BE89DC7D15B9A|+90',
].join('\n');

async function collect(items: AsyncIterable<ReplayItem>): Promise<ReplayItem[]> {
  const out: ReplayItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

describe('wmbusmeters simulation files', () => {
  it('reads the file from their repository: one telegram, no time', async () => {
    fs.writeFileSync(tmp.file('simulation_omnipower.txt'), `${SIMULATION_OMNIPOWER}\n`);
    const replay = await openReplayFile(tmp.file('simulation_omnipower.txt'));
    expect(replay.format).toBe('wmbusmeters');
    expect(await collect(replay.items)).toEqual([
      {
        kind: 'telegram',
        line: 1,
        t: null,
        hex: '27442D2C5768663230028D20AD00C81C20A12513459083CBF117E7D3213A844ABF3BE89DC7D15B9A',
        wmbus: '27442D2C5768663230028D20AD00C81C20A12513459083CBF117E7D3213A844ABF3BE89DC7D15B9A',
      },
    ]);
  });

  it('takes telegram= lines only, `_` in the hex, and +seconds as the time in ms', async () => {
    fs.writeFileSync(tmp.file('times.txt'), SIMULATION_WITH_TIMES);
    const items = await collect((await openReplayFile(tmp.file('times.txt'))).items);
    expect(items.map((i) => i.kind === 'telegram' && [i.line, i.t, i.wmbus?.slice(0, 12)])).toEqual([
      [3, null, '2D442D2C5768'],
      [6, 24_000, '27442D2C5768'],
      [7, 90_000, '27442D2C5768'],
    ]);
  });

  it('names a bad time or an empty telegram by line', () => {
    expect(parseSimulationLine('telegram=|2744|+soon', 4)).toEqual({
      kind: 'problem',
      line: 4,
      message: 'line 4: the time after "+" must be whole seconds, got "soon"',
    });
    expect(parseSimulationLine('telegram=||', 9)).toMatchObject({ kind: 'problem', line: 9 });
    expect(parseSimulationLine('# telegram=|2744|', 1)).toBeNull();
  });

  it('writes lines it reads back the same: hex and whole seconds', () => {
    const line = simulationLine('27442d2c5768663230028d20', 24.9);
    expect(line).toBe('telegram=||27442D2C5768663230028D20|+24');
    expect(parseSimulationLine(line, 1)).toMatchObject({ t: 24_000, wmbus: '27442D2C5768663230028D20' });
    expect(simulationLine('2744', null)).toBe('telegram=||2744|');
  });
});
