import { describe, expect, it } from 'vitest';
import { parseSize } from '../../../electron/cli/size';

describe('sizes on the command line', () => {
  it('reads binary units, decimal ones and bare bytes as virsh does', () => {
    expect(parseSize('16M')).toBe(16n * 1024n * 1024n);
    expect(parseSize('1G')).toBe(1024n ** 3n);
    expect(parseSize('1.5GiB')).toBe(3n * 512n * 1024n * 1024n);
    expect(parseSize('500MB')).toBe(500_000_000n);
    expect(parseSize('4096')).toBe(4096n);
    expect(parseSize('2k')).toBe(2048n);
  });

  it('refuses what is not a size, saying why', () => {
    expect(() => parseSize('16X')).toThrow("'16X' is not a size: unknown unit 'X'");
    expect(() => parseSize('-1G')).toThrow("'-1G' is not a size: expected a number and an optional unit");
    expect(() => parseSize('0')).toThrow("'0' is not a size: a size must be above zero");
    expect(() => parseSize('99999999P')).toThrow("'99999999P' is not a size: too large");
  });
});
