import { dumpRows, hex2, offsetLabel, inRange, type ByteRange } from './inspect-format';

/** The frame's bytes as pasted, one span per byte; the field under the pointer or focus is lit. */
export function HexDump(props: {
  bytes: readonly number[];
  span: ByteRange;
  highlight: ByteRange | null;
  label: string;
}) {
  const { bytes, span, highlight, label } = props;
  return (
    <div className="hex-dump" role="group" aria-label={label}>
      <div className="hex-caption">Bytes as pasted (offsets in decimal; encrypted bytes as sent)</div>
      {dumpRows(span).map((row) => (
        <div className="hex-row" key={row.offset}>
          <span className="hex-addr">{offsetLabel(row.offset)}</span>
          {Array.from({ length: row.length }, (_, i) => {
            const offset = row.offset + i;
            const lit = inRange(offset, highlight);
            return (
              <span
                key={offset}
                data-offset={offset}
                data-highlighted={lit || undefined}
                className={lit ? 'hex-byte lit' : 'hex-byte'}
              >
                {hex2(bytes[offset] ?? 0)}
              </span>
            );
          })}
        </div>
      ))}
    </div>
  );
}
