import type { SignalVerdict } from './survey';

// The survey's two judgements, shared so the core (snapshots, `cli survey`) and the UI (which
// re-judges silence against its own clock between snapshots) can never disagree.

/** A verdict band: a mean RSSI at or above `minDbm` (and below the band before it). */
export interface SignalBand {
  verdict: Exclude<SignalVerdict, 'unknown'>;
  /** Null for the last band, which takes everything below the others. */
  minDbm: number | null;
  advice: string;
}

/**
 * Signal verdict bands on a meter's mean RSSI, strongest first.
 *
 * A convention, not a standard: neither EN 13757-4 nor the OMS specification gives RSSI bands for
 * installing a receiver, and no stick or meter vendor guide we found publishes any. The bands keep a
 * fade margin above about -100 dBm, the round figure near which 868 MHz receivers stop decoding
 * (Microhard's CompactRF manual, ch. 5, gives about -103 dBm as the minimum of its sub-GHz radio and
 * asks for better than -95 dBm for consistent links). Installation guides for such radios ask for
 * 10 to 15 dB of fade margin (GE MDS iNET 900 User's Guide, 05-2806A01, § 5.1.3), and Kamstrup's
 * Wireless M-Bus installation guide (55122152, 2020, § 2.1) names walls, foliage and the season among
 * the losses that come and go. The iM871A's RSSI byte converts to dBm only to within a few dB
 * (docs/ARCHITECTURE.md § iM871A), so the edges are approximate.
 */
export const SIGNAL_BANDS: readonly SignalBand[] = [
  { verdict: 'good', minDbm: -80, advice: '20 dB or more above the limit: reliable.' },
  { verdict: 'fair', minDbm: -90, advice: '10 to 20 dB of margin: fine unless something moves in the way.' },
  {
    verdict: 'weak',
    minDbm: -100,
    advice: 'under 10 dB of margin: a closed door or rain can lose telegrams; move the stick or antenna.',
  },
  { verdict: 'poor', minDbm: null, advice: 'at the limit of reception: expect lost telegrams.' },
];

/** Where the bands come from, in one line the UI and the exports show. */
export const SIGNAL_BANDS_SOURCE =
  'A convention, not a standard: EN 13757-4 and OMS give no RSSI bands. The bands keep a fade ' +
  'margin above about −100 dBm, where 868 MHz reception gives out, as radio installation guides ask ' +
  '(GE MDS iNET 900 User’s Guide § 5.1.3; Microhard CompactRF manual ch. 5); Kamstrup’s Wireless ' +
  'M-Bus installation guide (55122152, § 2.1) explains the losses that come and go. The stick’s dBm ' +
  'are accurate to a few dB.';

/** The verdict on a mean RSSI; 'unknown' when the stick attached none. */
export function signalVerdict(meanDbm: number | null): SignalVerdict {
  if (meanDbm === null || Number.isNaN(meanDbm)) return 'unknown';
  for (const band of SIGNAL_BANDS) if (band.minDbm === null || meanDbm >= band.minDbm) return band.verdict;
  return 'poor';
}

/** A meter is silent once this many of its own send intervals passed without a telegram. */
export const SILENT_AFTER_INTERVALS = 3;

export interface Silence {
  /** Time since the meter was last heard. */
  forMs: number;
  /** Whole intervals that passed since. */
  intervals: number;
  intervalMs: number;
  silent: boolean;
}

/**
 * How long a meter has been quiet, in its own intervals; null while its interval is not known (it
 * takes three telegrams to measure one).
 */
export function silenceOf(lastSeenMs: number, intervalMs: number | null, nowMs: number): Silence | null {
  if (intervalMs === null || !(intervalMs > 0) || Number.isNaN(lastSeenMs)) return null;
  const forMs = Math.max(0, nowMs - lastSeenMs);
  return {
    forMs,
    intervals: Math.floor(forMs / intervalMs),
    intervalMs,
    silent: forMs >= SILENT_AFTER_INTERVALS * intervalMs,
  };
}
