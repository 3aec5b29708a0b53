import { rssiToDbm } from '../stick';
import type { ExplainedField } from '../wmbus';
import type { FoundFrame } from './telegram-input';

const hex = (bytes: Buffer) => [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
const hex4 = (n: number) => `0x${n.toString(16).padStart(4, '0')}`;

/**
 * The bytes around the wM-Bus frame that the decoder does not see: the iM871A header and trailers,
 * the pipe form's LEN and stick CRC, or the L field. Returned as fields before and after the
 * frame's own, so the inspector explains every byte that was pasted.
 */
export function explainEnvelope(
  bytes: Buffer,
  item: FoundFrame,
): { before: ExplainedField[]; after: ExplainedField[] } {
  const at = item.offset;
  const field = (
    offset: number,
    length: number,
    name: string,
    meaning: string,
    check?: ExplainedField['check'],
  ) => ({
    offset,
    length,
    hex: hex(bytes.subarray(offset, offset + length)),
    name,
    meaning,
    ...(check ? { check } : {}),
  });
  const stickCheck = item.stickCrc
    ? {
        ok: item.stickCrc.ok,
        detail: `carried ${hex4(item.stickCrc.actual)}, computed ${hex4(item.stickCrc.expected)}${item.stickCrc.enforced ? '' : ' (reported, not enforced)'}`,
      }
    : undefined;
  if (item.framing === 'hci') {
    const control = bytes[at + 1]!;
    const attached = [
      control & 0x20 ? 'timestamp' : null,
      control & 0x40 ? 'RSSI' : null,
      control & 0x80 ? 'CRC' : null,
    ].filter(Boolean);
    const before = [
      field(at, 1, 'iM871A SOF', 'start of a stick frame'),
      field(
        at + 1,
        1,
        'iM871A control',
        `endpoint ${control & 0x0f} (radio link); attached: ${attached.join(', ') || 'nothing'}`,
      ),
      field(at + 2, 1, 'iM871A message', 'received wM-Bus telegram (0x03)'),
      field(
        at + 3,
        1,
        'iM871A length',
        `${bytes[at + 3]} bytes of telegram follow (stands in for the wM-Bus L field)`,
      ),
    ];
    let trailer = at + 4 + item.frame.length;
    const after: ExplainedField[] = [];
    if (item.timestamp !== null) {
      after.push(field(trailer, 4, 'stick timestamp', `receive time ${item.timestamp} (stick clock ticks)`));
      trailer += 4;
    }
    if (item.rssi !== null) {
      after.push(field(trailer, 1, 'RSSI', `raw ${item.rssi} ≈ ${rssiToDbm(item.rssi).toFixed(1)} dBm`));
      trailer += 1;
    }
    if (stickCheck)
      after.push(
        field(trailer, 2, 'stick CRC', 'CRC-16/X-25 over control to the last trailer byte', stickCheck),
      );
    return { before, after };
  }
  if (item.framing === 'seed-pipe') {
    return {
      before: [
        field(at, 1, 'length', `${bytes[at]} bytes of telegram follow (the original gateway's pipe form)`),
      ],
      after: stickCheck
        ? [
            field(
              at + 1 + item.frame.length,
              2,
              'stick CRC',
              'the stick CRC the original gateway kept',
              stickCheck,
            ),
          ]
        : [],
    };
  }
  return { before: [field(at, 1, 'L field', `${bytes[at]} bytes follow`)], after: [] };
}
