/** Sizes as people type them on a command line: 16M, 1G, 1.5GiB, 500MB, 4096. */

/** Binary for K/M/G/T/P and their KiB forms, decimal for KB/MB..., bytes for a bare number: as virsh reads them. */
const SCALES: Readonly<Record<string, number>> = {
  '': 1, b: 1,
  k: 1024, kib: 1024, kb: 1000,
  m: 1024 ** 2, mib: 1024 ** 2, mb: 1000 ** 2,
  g: 1024 ** 3, gib: 1024 ** 3, gb: 1000 ** 3,
  t: 1024 ** 4, tib: 1024 ** 4, tb: 1000 ** 4,
  p: 1024 ** 5, pib: 1024 ** 5, pb: 1000 ** 5,
};

export class SizeError extends Error {
  constructor(text: string, why: string) {
    super(`'${text}' is not a size: ${why} (examples: 16M, 1G, 512MiB, 4096)`);
    this.name = 'SizeError';
  }
}

export function parseSize(text: string): bigint {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  if (match === null) throw new SizeError(text, 'expected a number and an optional unit');
  const [, number = '', unit = ''] = match;
  const scale = SCALES[unit.toLowerCase()];
  if (scale === undefined) throw new SizeError(text, `unknown unit '${unit}'`);
  const bytes = Math.round(Number(number) * scale);
  if (!Number.isSafeInteger(bytes)) throw new SizeError(text, 'too large');
  if (bytes <= 0) throw new SizeError(text, 'a size must be above zero');
  return BigInt(bytes);
}
