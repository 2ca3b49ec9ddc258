/** libvirt's scaled integers (<memory unit='MiB'>, <capacity unit='G'>): to a number of bytes. */
import { ErrorCode } from '../../protocol/error-codes';
import { From, libvirtError } from './errors';

const SCALE: Readonly<Record<string, bigint>> = {
  b: 1n, bytes: 1n,
  k: 1024n, kib: 1024n, kb: 1000n,
  m: 1024n ** 2n, mib: 1024n ** 2n, mb: 1000n ** 2n,
  g: 1024n ** 3n, gib: 1024n ** 3n, gb: 1000n ** 3n,
  t: 1024n ** 4n, tib: 1024n ** 4n, tb: 1000n ** 4n,
  p: 1024n ** 5n, pib: 1024n ** 5n, pb: 1000n ** 5n,
  e: 1024n ** 6n, eib: 1024n ** 6n, eb: 1000n ** 6n,
};

/** `value` in `unit` (libvirt's defaults differ per element, hence `defaultUnit`), as bytes. */
export function scaledBytes(element: string, value: string, unit: string | undefined, defaultUnit: string): bigint {
  if (!/^\d+$/.test(value)) throw libvirtError(ErrorCode.XML_ERROR, From.DOMAIN, `invalid value '${value}' for element or attribute '${element}'`);
  const scale = SCALE[(unit ?? defaultUnit).toLowerCase()];
  if (scale === undefined) throw libvirtError(ErrorCode.INVALID_ARG, From.DOMAIN, `unknown suffix '${unit ?? ''}'`);
  return BigInt(value) * scale;
}

/** libvirt keeps domain memory in KiB and rounds a byte count up to the next KiB. */
export function bytesToKiB(bytes: bigint): number {
  return Number((bytes + 1023n) / 1024n);
}
