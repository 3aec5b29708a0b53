/** Hex as people paste it: spaces, `:` and `_` between digits are ignored (CLI contract, docs/ARCHITECTURE.md § Command line). */
const SEPARATORS = /[\s:_]/g;
const NOT_HEX = /[^0-9a-fA-F]/;

export class HexInputError extends Error {
  override name = 'HexInputError';
  constructor(
    message: string,
    /** 0-based character position in the original text. */
    readonly position: number | null,
  ) {
    super(message);
  }
}

/** Parses pasted hex into bytes, or says which character is wrong. */
export function parseHexInput(text: string): Buffer {
  return cleanHexLine(text) ?? parseTolerantly(text);
}

/**
 * A line of nothing but hex digits (what captures hold) decoded without the clean-up: undefined for
 * anything else. Buffer.from stops at the first pair that is not hex, so a full-length result proves
 * every digit, provided the text is ASCII: Node reads a wider character by its low byte ('İ' as '0').
 */
function cleanHexLine(text: string): Buffer | undefined {
  if (text.length === 0 || text.length % 2 !== 0 || Buffer.byteLength(text) !== text.length) return undefined;
  const bytes = Buffer.from(text, 'hex');
  return bytes.length * 2 === text.length ? bytes : undefined;
}

function parseTolerantly(text: string): Buffer {
  const trimmed = text.trim().replace(/^0x/i, '');
  const digits = trimmed.replace(SEPARATORS, '');
  if (digits.length === 0) throw new HexInputError('empty input: no hex digits', null);
  const bad = NOT_HEX.exec(digits);
  if (bad) {
    const position = originalPosition(text, bad[0]);
    throw new HexInputError(
      `not hex: ${JSON.stringify(bad[0])} at character ${position + 1}; expected digits 0-9 and a-f`,
      position,
    );
  }
  if (digits.length % 2 !== 0) {
    throw new HexInputError(`odd number of hex digits (${digits.length}): a byte needs two digits`, null);
  }
  return Buffer.from(digits, 'hex');
}

/** Where the first bad character stands in what the user typed (for the message). */
function originalPosition(text: string, char: string): number {
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === char && !/[0-9a-fA-F\s:_]/.test(c)) return i;
  }
  return 0;
}
