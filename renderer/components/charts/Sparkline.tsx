/**
 * A tiny line of the last minute (the domain list's CPU column), on the one chart: values are
 * placed one second apart, ending now.
 */
import { useMemo } from 'react';
import { TimeSeriesChart } from './TimeSeriesChart';

export interface SparklineProps {
  /** Oldest first, one a second; null is a second without a reading. */
  readonly values: readonly (number | null)[];
  /** A fixed top (100 for a percentage); absent: fit the values. */
  readonly max?: number;
  /** What the line shows, for assistive technology. */
  readonly label: string;
}

const formatNumber = (v: number): string => v.toFixed(1);
/**
 * The x axis always spans this much, ending now: a fixed span, since a span that grew with
 * the values would rebuild the plot at every new value (the chart remakes itself when its
 * window changes).
 */
const SPAN_MS = 60_000;
/** The stylesheet's .sparkline width: given, so a row's plot is made without measuring the page. */
const WIDTH = 80;

export function Sparkline({ values, max, label }: SparklineProps): React.JSX.Element {
  const { times, lines } = useMemo(() => {
    const end = Date.now();
    return {
      times: values.map((_, i) => end - (values.length - 1 - i) * 1000),
      lines: [{ label, values, colorVar: '--chart-1' }],
    };
  }, [values, label]);
  return (
    <span className="sparkline" title={label}>
      <TimeSeriesChart title={label} testId="sparkline" times={times} lines={lines} formatValue={formatNumber} height={22} bare windowMs={SPAN_MS} width={WIDTH} {...(max === undefined ? {} : { max })} />
    </span>
  );
}
