/**
 * THE chart: a uPlot time series of the last five minutes, one point a second, light or dark
 * after the theme's variables. uPlot draws on a canvas and keeps its own DOM, so React only
 * owns the box: the plot is made once per theme and size, and fed with setData afterwards.
 */
import { useEffect, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { errorMessage } from '../format';
import { useTheme, type Theme } from '../../features/theme/theme';
import { loadedUplot, loadUplot, type UPlotClass } from './load-uplot';
import { WINDOW_MS } from './series';

export interface ChartLine {
  readonly label: string;
  readonly values: readonly (number | null)[];
  /** A CSS variable holding the line's colour, e.g. '--chart-1'. */
  readonly colorVar: string;
}

export interface TimeSeriesChartProps {
  readonly title: string;
  readonly testId: string;
  /** Sample times, ms since the epoch. */
  readonly times: readonly number[];
  readonly lines: readonly ChartLine[];
  readonly formatValue: (value: number) => string;
  /** A fixed top of the y axis (100 for percentages); absent: fit the data. */
  readonly max?: number;
  readonly height?: number;
  /** A small plot without axes, legend or cursor. */
  readonly bare?: boolean;
  /** How much time the x axis spans at most, ending at the last sample; five minutes by default. */
  readonly windowMs?: number;
  /** The lowest top the y axis may have, so an idle line sits at the bottom of a sensible scale. */
  readonly minTop?: number;
  /** A width fixed by the stylesheet (a sparkline's), so making the plot need not measure the page. */
  readonly width?: number;
}

const MIN_SPAN_S = 60;
/** Room for the widest y label ("1023.9 MiB/s"). */
const Y_AXIS_WIDTH = 84;

/**
 * The theme's colours, read once per theme and variable: each read after other charts
 * changed the DOM would recalculate the page's style, once per chart (a row of sparklines).
 */
const colours = new Map<string, string>();

function cssVar(theme: Theme, name: string): string {
  const key = `${theme} ${name}`;
  const known = colours.get(key);
  if (known !== undefined) return known;
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  colours.set(key, value);
  return value;
}

/** uPlot's legend hands a gap to the formatter as null, whatever its types say. */
function legendValue(v: number | null, format: (value: number) => string): string {
  return v === null ? '–' : format(v);
}

function toData(times: readonly number[], lines: readonly ChartLine[]): uPlot.AlignedData {
  return [times.map((t) => t / 1000), ...lines.map((l) => [...l.values])];
}

export function TimeSeriesChart({ title, testId, times, lines, formatValue, max, height = 160, bare = false, windowMs = WINDOW_MS, minTop = 1, width }: TimeSeriesChartProps): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const theme = useTheme();
  const latest = useRef({ times, lines });
  latest.current = { times, lines };
  const labels = lines.map((l) => `${l.label}:${l.colorVar}`).join('|');
  const [Plot, setPlot] = useState<UPlotClass | null>(loadedUplot);
  const [loadProblem, setLoadProblem] = useState<string | null>(null);
  // Samples with something drawn: a sample with only gaps is not a point.
  const points = times.filter((_, i) => lines.some((l) => typeof l.values[i] === 'number')).length;
  // A bare plot (a sparkline) shows no axes, so with nothing to draw there is nothing to make yet.
  const wanted = !bare || points > 0;

  useEffect(() => {
    if (Plot !== null || !wanted) return;
    let current = true;
    loadUplot().then((loaded) => { if (current) setPlot(() => loaded); }, (error: unknown) => { if (current) setLoadProblem(errorMessage(error)); });
    return () => { current = false; };
  }, [Plot, wanted]);

  useEffect(() => {
    const el = box.current;
    if (el === null || Plot === null || !wanted) return;
    const text = cssVar(theme, '--muted');
    const grid = cssVar(theme, '--border');
    const now = (): number => (latest.current.times.at(-1) ?? Date.now()) / 1000;
    // The window grows from the first sample (at least a minute) up to its full length, so
    // the first seconds are not a dot at the right edge of five empty minutes.
    const start = (): number => {
      const first = (latest.current.times[0] ?? Date.now()) / 1000;
      return Math.max(now() - windowMs / 1000, Math.min(first, now() - MIN_SPAN_S));
    };
    const axis = (values?: uPlot.Axis['values']): uPlot.Axis => ({ stroke: text, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, ...(values ? { values } : {}) });
    const opts: uPlot.Options = {
      width: width ?? Math.max(80, el.clientWidth),
      height,
      ...(bare ? {} : { title }),
      legend: { show: !bare },
      cursor: { show: !bare },
      padding: bare ? [2, 0, 2, 0] : [8, 8, 0, 0],
      scales: {
        x: { time: true, range: () => [bare ? now() - windowMs / 1000 : start(), now()] },
        y: { range: (_u, _min, dataMax) => [0, max ?? Math.max(minTop, dataMax * 1.1)] },
      },
      axes: bare
        ? [{ show: false }, { show: false }]
        : [axis(), { ...axis((_u, splits) => splits.map((v) => formatValue(v))), size: Y_AXIS_WIDTH }],
      series: [
        {},
        ...latest.current.lines.map((l): uPlot.Series => ({
          label: l.label,
          stroke: cssVar(theme, l.colorVar),
          width: bare ? 1 : 1.5,
          spanGaps: false,
          value: (_u, v) => legendValue(v, formatValue),
        })),
      ],
    };
    const chart = new Plot(opts, toData(latest.current.times, latest.current.lines), el);
    plot.current = chart;
    const resize = width === undefined ? new ResizeObserver(() => { chart.setSize({ width: Math.max(80, el.clientWidth), height }); }) : null;
    resize?.observe(el);
    return () => {
      resize?.disconnect();
      chart.destroy();
      plot.current = null;
    };
    // Made anew only when what it looks like changes; data goes in through setData below.
  }, [Plot, wanted, theme, labels, height, bare, max, title, windowMs, minTop, width]);

  useEffect(() => {
    plot.current?.setData(toData(times, lines));
  }, [times, lines]);

  return (
    <figure className={bare ? 'chart chart-bare' : 'chart'} data-testid={testId} data-points={points}>
      <div ref={box} className="chart-canvas" role="img" aria-label={`${title}: ${points} point${points === 1 ? '' : 's'}`} />
      {loadProblem !== null && <figcaption className="error" data-testid={`${testId}-error`}>The chart could not load: {loadProblem}</figcaption>}
    </figure>
  );
}
