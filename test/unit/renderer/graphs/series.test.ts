import { describe, expect, it } from 'vitest';
import { appendSample, emptySeries, WINDOW_MS } from '../../../../renderer/components/charts/series';

describe('a chart series', () => {
  it('keeps one column per line, in step with the times', () => {
    let s = emptySeries(['cpu', 'mem'] as const);
    s = appendSample(s, 1000, { cpu: null, mem: 5 });
    s = appendSample(s, 2000, { cpu: 12.5, mem: 6 });
    expect(s).toEqual({ times: [1000, 2000], columns: { cpu: [null, 12.5], mem: [5, 6] } });
  });

  it('drops what is older than the five-minute window, never more', () => {
    let s = emptySeries(['v'] as const);
    for (let t = 0; t <= WINDOW_MS + 3000; t += 1000) s = appendSample(s, t, { v: t });
    expect(s.times[0]).toBe(3000);
    expect(s.times.at(-1)).toBe(WINDOW_MS + 3000);
    expect(s.times).toHaveLength(301);
    expect(s.columns.v).toEqual(s.times);
  });
});
