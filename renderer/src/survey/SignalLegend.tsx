import { SIGNAL_BANDS, SIGNAL_BANDS_SOURCE, SILENT_AFTER_INTERVALS } from '../../../shared/survey-rules';
import { VerdictChip } from './cells';

const minus = (dbm: number) => `${dbm}`.replace('-', '−');

/** The verdict's thresholds and their source, and what "interval", "missed" and "silent" mean. */
export function SignalLegend() {
  return (
    <section className="survey-legend" aria-labelledby="survey-legend-title">
      <h3 id="survey-legend-title">How to read it</h3>
      <ul className="survey-bands">
        {SIGNAL_BANDS.map((band, i) => {
          const above = SIGNAL_BANDS[i - 1]?.minDbm ?? null;
          const range =
            band.minDbm === null
              ? `below ${minus(above ?? 0)} dBm`
              : above === null
                ? `${minus(band.minDbm)} dBm or stronger`
                : `${minus(band.minDbm)} to ${minus(above)} dBm`;
          return (
            <li key={band.verdict} data-band={band.verdict}>
              <VerdictChip verdict={band.verdict} /> mean RSSI {range}: {band.advice}
            </li>
          );
        })}
      </ul>
      <p className="muted survey-source">{SIGNAL_BANDS_SOURCE}</p>
      <p className="muted">
        <strong>Interval</strong>: the median gap between a meter's telegrams, measured from its third
        telegram on. <strong>Missed</strong>: telegrams that should have come between those heard.{' '}
        <strong>Silent</strong>: no telegram for {SILENT_AFTER_INTERVALS} of its intervals; a monitored meter
        silent so long is flagged on its card, on the commissioning checklist and in the record. A telegram
        heard twice within seconds (a repeater) counts once, as a repeat.
      </p>
    </section>
  );
}
