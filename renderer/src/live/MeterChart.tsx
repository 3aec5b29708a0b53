import { formatClock } from '../common/format';
import { chartPath, type MeterSeries, type SeriesPoint } from './meter-series';

const WIDTH = 240;
const HEIGHT = 40;

/** Power and energy over the session, one small chart each; a fixed height so nothing jumps. */
export function MeterChart({ series }: { series: MeterSeries | undefined }) {
  const points = series?.points ?? [];
  if (points.length < 2) {
    return (
      <p className="meter-chart-empty muted" data-chart="empty">
        The charts of power and energy start with the second decoded telegram.
      </p>
    );
  }
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return (
    <figure className="meter-chart" data-chart-points={points.length}>
      <Trace label="P+ power" unit="W" points={points} pick={(p) => p.powerW} digits={0} />
      <Trace label="A+ energy" unit="kWh" points={points} pick={(p) => p.energyKWh} digits={2} />
      <figcaption className="muted">
        {points.length} readings, {formatClock(new Date(first.t).toISOString())} –{' '}
        {formatClock(new Date(last.t).toISOString())}
        {series!.dropped > 0 && ` (the ${series!.dropped} oldest are no longer shown)`}
      </figcaption>
    </figure>
  );
}

function Trace({
  label,
  unit,
  points,
  pick,
  digits,
}: {
  label: string;
  unit: string;
  points: SeriesPoint[];
  pick(point: SeriesPoint): number | null;
  digits: number;
}) {
  const known = points.filter((p) => pick(p) !== null);
  if (known.length < 2) return null;
  const {
    points: path,
    min,
    max,
  } = chartPath(
    known.map((p) => p.t),
    known.map((p) => pick(p)!),
    WIDTH,
    HEIGHT,
  );
  const range = `${min.toFixed(digits)}–${max.toFixed(digits)} ${unit}`;
  return (
    <div className="meter-trace" data-trace={label}>
      <span className="meter-trace-label">
        {label} <span className="muted">{range}</span>
      </span>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${label} over the session, ${range}`}
      >
        <polyline points={path} fill="none" vectorEffect="non-scaling-stroke" />
      </svg>
    </div>
  );
}
