import { describe, expect, it } from 'vitest';
import { MeterStore } from './meter-store';
import { stubPipeline } from './test-support/stub-pipeline';

const KEY = Buffer.alloc(16, 7);
const meter = (deviceId: string) => ({
  deviceId,
  manufacturerKey: 'kam',
  encryptionKey: KEY,
  manufacturerDeviceKey: null,
});

/** The stub pipeline, and the meters it marks monitored. */
function pipelineOn(meters: MeterStore) {
  const { pipeline, command, published } = stubPipeline(meters);
  const monitored = () =>
    pipeline
      .meterStates()
      .filter((s) => s.monitored)
      .map((s) => s.deviceId);
  return { pipeline, command, monitored, published: () => published.map((m) => m.topic) };
}

describe('the pipeline follows the meter store', () => {
  it('marks meters monitored as the store changes, by hand or by a cloud command, until it stops', () => {
    const meters = new MeterStore({ file: null });
    meters.put(meter('11112222'));
    const { pipeline, command, monitored, published } = pipelineOn(meters);
    pipeline.start();
    expect(monitored()).toEqual(['11112222']);

    meters.put(meter('33334444'));
    expect(monitored()).toEqual(['11112222', '33334444']);
    meters.remove('11112222');
    expect(monitored()).toEqual(['33334444']);

    command(
      JSON.stringify([{ deviceId: '55556666', manufacturerKey: 'kam', encryptionKey: KEY.toString('hex') }]),
    );
    expect(monitored()).toEqual(['55556666']);
    expect(published()).toEqual(['v2/706462169/kam-55556666/config']);

    pipeline.stop();
    meters.put(meter('77778888'));
    expect(monitored()).toEqual(['55556666']);
  });
});
