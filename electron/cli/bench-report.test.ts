import { describe, expect, it } from 'vitest';
import { formatNumber, ratio, renderReport, type MachineFacts } from './bench-report';

const machine: MachineFacts = {
  cpu: 'Test CPU @ 2.0GHz',
  cores: 2,
  memoryGiB: 24,
  os: 'Debian GNU/Linux 13 (linux 6.1, x64)',
  node: '20.20.2',
  tools: ['mosquitto version 2.0.21'],
  commit: 'abc1234',
};

describe('bench report', () => {
  it('puts each figure beside its yardstick, the ratio and whether the target was met', () => {
    const report = renderReport(
      [
        {
          name: 'MqttSession publish QoS 0',
          value: 35_500,
          unit: 'msg/s',
          yardstick: { name: 'mosquitto_pub -l', value: 67_000 },
          target: '≥ 0.5× yardstick',
          met: true,
        },
        { name: 'serial → subscriber p99', value: 5.4, unit: 'ms', target: '< 5 ms', met: false },
        { name: 'decode: peak RSS', value: 98, unit: 'MiB' },
      ],
      machine,
      new Date('2026-11-25T18:00:00.123Z'),
    );
    expect(report).toContain(
      '| MqttSession publish QoS 0 | 35,500 | msg/s | mosquitto_pub -l | 67,000 | 0.53× | ≥ 0.5× yardstick ✅ met |',
    );
    expect(report).toContain('| serial → subscriber p99 | 5.40 | ms | — | — | — | < 5 ms ❌ missed |');
    expect(report).toContain('| decode: peak RSS | 98.0 | MiB | — | — | — | — |');
    expect(report).toContain('2026-11-25T18:00:00Z at commit `abc1234`');
    expect(report).toContain('- CPU: Test CPU @ 2.0GHz, 2 cores; memory 24 GiB');
    expect(report).toContain('Missed in this run: serial → subscriber p99.');
  });

  it('says so when every target was met, and escapes pipes in names', () => {
    const report = renderReport(
      [{ name: 'a | b', value: 1, unit: 'x', target: '< 2', met: true }],
      machine,
      new Date(0),
    );
    expect(report).toContain('| a \\| b |');
    expect(report).toContain('Every target was met in this run.');
  });

  it('formats numbers for reading and leaves the ratio out without a yardstick', () => {
    expect(formatNumber(443_221.7)).toBe('443,222');
    expect(formatNumber(12.345)).toBe('12.3');
    expect(formatNumber(0.2345)).toBe('0.23');
    expect(ratio({ name: 'x', value: 1, unit: 'ms' })).toBe('—');
    expect(ratio({ name: 'x', value: 1, unit: 'ms', yardstick: { name: 'y', value: 0 } })).toBe('—');
  });
});
