import { afterEach, describe, expect, it } from 'vitest';
import { MEASURES_KEPT_PER_HOST, measureTick } from '../../../../renderer/ipc/events';

const NAME = 'virtdeck:stats-tick:dashboard';

afterEach(() => { performance.clearMeasures(); });

describe('the renderer\'s own measure of each stats tick', () => {
  it('keeps at most an hour of them per host, however long the window stays open', () => {
    for (let i = 0; i < MEASURES_KEPT_PER_HOST * 2 + 5; i++) measureTick('dashboard', performance.now());
    const kept = performance.getEntriesByName(NAME, 'measure').length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(MEASURES_KEPT_PER_HOST);
  });

  it('keeps each tick until the bound, as the bench reads them', () => {
    for (let i = 0; i < 30; i++) measureTick('bench', performance.now());
    expect(performance.getEntriesByName('virtdeck:stats-tick:bench', 'measure')).toHaveLength(30);
  });
});
