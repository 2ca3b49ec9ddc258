/**
 * virtdeck-cli lists shut-off domains in virsh's order (vshStrcasecmp): UTF-8 bytes, ASCII
 * letters without case. The same order against virsh itself is in
 * test/integration/cli/cli-differential.test.ts.
 */
import { expect, it } from 'vitest';
import { compareNamesLikeVirsh } from '../../../electron/cli/list';

it('orders names by code point with ASCII case folded, as strcasecmp on UTF-8', () => {
  const names = ['b', 'Z', 'a_b', 'A', '\u{1F600}x', 'a-b', '_x', '\uFF58', '\u00E9', 'ab', 'abc'];
  expect([...names].sort(compareNamesLikeVirsh)).toEqual(['_x', 'A', 'a-b', 'a_b', 'ab', 'abc', 'b', 'Z', '\u00E9', '\uFF58', '\u{1F600}x']);
});

it('treats names that differ only in ASCII case as equal, and a prefix as smaller', () => {
  expect(compareNamesLikeVirsh('Web-01', 'wEB-01')).toBe(0);
  expect(compareNamesLikeVirsh('web', 'web-01')).toBeLessThan(0);
  expect(compareNamesLikeVirsh('web-01', 'web')).toBeGreaterThan(0);
});
