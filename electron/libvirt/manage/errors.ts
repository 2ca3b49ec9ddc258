/**
 * Requests the manage/ operations refuse before (or instead of) asking libvirt, each with
 * the words a person needs. Not a LibraryError: nothing went wrong with the connection or
 * the daemon; the request itself cannot be carried out.
 */
export type ManageProblem =
  | 'volume-name'
  | 'domain-name'
  | 'snapshot-name'
  | 'capacity'
  | 'pool-full'
  | 'file-too-large'
  | 'file-unreadable'
  | 'domain-exists'
  | 'not-shut-off'
  | 'disk-not-in-pool'
  | 'not-its-disk'
  | 'aborted';

export class ManageError extends Error {
  constructor(readonly problem: ManageProblem, message: string) {
    super(message);
    this.name = 'ManageError';
  }
}

const UNITS = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const;

/** A byte count as people read it: 16 MiB, 1.5 GiB. */
export function formatBytes(bytes: bigint | number): string {
  let value = Number(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = unit === 0 || Number.isInteger(value) ? String(value) : value.toFixed(1);
  return `${shown} ${UNITS[unit] ?? 'bytes'}`;
}
