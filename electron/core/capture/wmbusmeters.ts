import type { ReplayItem } from './replay-item';

// wmbusmeters simulation files (facts from wmbusmeters' src/wmbus_simulator.cc and its
// simulations/*.txt, e.g. simulations/simulation_omnipower.txt): a line starting `telegram=` holds
// the hex of a wM-Bus frame from the L field (data-link CRCs allowed); every `|` on it is ignored
// (`telegram=||HEX|` and `telegram=|HEX|` both occur) and `_` may separate the digits; a `+`
// starts the time in whole seconds since the simulation started, at which the telegram is due.
// Every other line (comments `#…`, the expected JSON outputs, blank lines) is not a telegram.

const PREFIX = 'telegram=';

/** One line of a simulation file as a replay item, or null when the line is no telegram. */
export function parseSimulationLine(text: string, line: number): ReplayItem | null {
  const trimmed = text.trim();
  if (!trimmed.startsWith(PREFIX)) return null;
  const body = trimmed.slice(PREFIX.length);
  const plus = body.indexOf('+');
  const hex = (plus === -1 ? body : body.slice(0, plus)).replaceAll('|', '').trim();
  if (hex.length === 0) return { kind: 'problem', line, message: `line ${line}: telegram= holds no hex` };
  let t: number | null = null;
  if (plus !== -1) {
    const seconds = /^\d+/.exec(body.slice(plus + 1).trim());
    if (!seconds)
      return {
        kind: 'problem',
        line,
        message: `line ${line}: the time after "+" must be whole seconds, got ${JSON.stringify(body.slice(plus + 1))}`,
      };
    t = Number(seconds[0]) * 1000;
  }
  const digits = hex.replace(/[\s_:]/g, '');
  const wmbus = /^(?:[0-9a-fA-F]{2})+$/.test(digits) ? digits.toUpperCase() : null;
  return { kind: 'telegram', line, t, hex, wmbus };
}

/**
 * A simulation line for a wM-Bus frame from L, due `seconds` after the first telegram. The `||`
 * form is the one wmbusmeters writes for a telegram it logs.
 */
export function simulationLine(wmbusHex: string, seconds: number | null): string {
  const due = seconds === null ? '' : `+${Math.max(0, Math.floor(seconds))}`;
  return `${PREFIX}||${wmbusHex.toUpperCase()}|${due}`;
}

/** The comment lines that open an exported simulation file. */
export function simulationPreamble(source: string, at: Date): string[] {
  return [
    `# wM-Bus telegrams exported by Gateway Diagnostics from ${source} on ${at.toISOString()}`,
    '# Format of wmbusmeters simulation files: telegram=||<frame from L in hex>|+<seconds since the first>',
  ];
}
