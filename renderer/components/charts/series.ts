/**
 * A time series as the charts draw it: sample times (ms) and one column of values per line,
 * null where there was no value. Appending keeps only the window the chart shows, so a
 * series never grows past one point a second for five minutes.
 */
export const WINDOW_MS = 5 * 60 * 1000;

export interface Series<K extends string> {
  readonly times: readonly number[];
  readonly columns: { readonly [key in K]: readonly (number | null)[] };
}

export function emptySeries<K extends string>(keys: readonly K[]): Series<K> {
  const columns = Object.fromEntries(keys.map((k) => [k, []])) as unknown as Series<K>['columns'];
  return { times: [], columns };
}

/** A new series with the sample at the end and anything older than the window dropped. */
export function appendSample<K extends string>(
  series: Series<K>,
  at: number,
  values: { readonly [key in K]: number | null },
  windowMs = WINDOW_MS,
): Series<K> {
  const times = [...series.times, at];
  let first = 0;
  while (first < times.length && (times[first] ?? at) < at - windowMs) first += 1;
  // Plain string records inside: the keys are the series' own, so the result has them all.
  const before: Readonly<Record<string, readonly (number | null)[]>> = series.columns;
  const added: Readonly<Record<string, number | null>> = values;
  const columns = Object.fromEntries(Object.keys(before).map((key) => [key, [...(before[key] ?? []), added[key] ?? null].slice(first)])) as unknown as Series<K>['columns'];
  return { times: times.slice(first), columns };
}
