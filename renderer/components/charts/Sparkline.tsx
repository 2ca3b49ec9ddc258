/**
 * A tiny line of recent values (the domain list's CPU column), on the one chart: values are
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
      <TimeSeriesChart title={label} testId="sparkline" times={times} lines={lines} formatValue={formatNumber} height={22} bare windowMs={Math.max(1, values.length - 1) * 1000} {...(max === undefined ? {} : { max })} />
    </span>
  );
}
