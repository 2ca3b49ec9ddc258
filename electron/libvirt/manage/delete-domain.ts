/**
 * Delete a domain and, by choice, its volumes: stopped if it runs, undefined with what
 * libvirt keeps beside it (snapshot metadata, managed save, NVRAM), then each chosen
 * volume deleted. The domain is gone before any volume is touched, so a volume that cannot
 * be deleted is reported, not a reason to keep the domain.
 */
import type { Connection } from '../driver/api';
import type { DomainRef, StorageVolRef } from '../driver/model';
import { LibvirtError } from '../errors';
import { ErrorCode } from '../protocol/error-codes';
import { domainDiskVolumes } from './disks';
import { ManageError } from './errors';
import type { DeleteDomainOptions, DeleteDomainResult, VolumeDeletionFailure } from './types';

/** virDomainUndefineFlagsValues: MANAGED_SAVE 1, SNAPSHOTS_METADATA 2, NVRAM 4, CHECKPOINTS_METADATA 16. */
const UNDEFINE_EVERYTHING = 1 | 2 | 4 | 16;
/** What every driver with snapshots accepts (libvirt's test driver knows no NVRAM or checkpoints). */
const UNDEFINE_SNAPSHOTS_AND_SAVE = 1 | 2;

function isCode(error: unknown, code: number): boolean {
  return error instanceof LibvirtError && error.code === code;
}

/** Undefines, retrying with the flags every driver knows when this one refuses the others. */
async function undefineAll(conn: Connection, dom: DomainRef): Promise<void> {
  try {
    await conn.undefineDomain(dom, UNDEFINE_EVERYTHING);
  } catch (error) {
    if (!isCode(error, ErrorCode.INVALID_ARG) && !isCode(error, ErrorCode.NO_SUPPORT)) throw error;
    await conn.undefineDomain(dom, UNDEFINE_SNAPSHOTS_AND_SAVE);
  }
}

/** Whether the domain is still defined (a transient one vanishes when it stops). */
async function stillDefined(conn: Connection, dom: DomainRef): Promise<boolean> {
  try {
    await conn.lookupDomainByUuid(dom.uuid);
    return true;
  } catch (error) {
    if (isCode(error, ErrorCode.NO_DOMAIN)) return false;
    throw error;
  }
}

export async function deleteDomain(conn: Connection, dom: DomainRef, options: DeleteDomainOptions): Promise<DeleteDomainResult> {
  // Read before the definition goes: afterwards nothing says which volumes were its disks.
  const disks = await domainDiskVolumes(conn, dom);
  // Only its own disks go with it, checked before anything is touched: a path from elsewhere
  // (a mistaken or hostile caller) would otherwise delete another domain's disk.
  const foreign = options.removeVolumePaths.find((path) => !disks.some((d) => d.path === path));
  if (foreign !== undefined) {
    throw new ManageError('not-its-disk', `'${foreign}' is not a disk of domain '${dom.name}'; nothing was deleted`);
  }
  const { state } = await conn.domainState(dom);
  if (state !== 'shutoff') await conn.destroyDomain(dom);
  if (await stillDefined(conn, dom)) await undefineAll(conn, dom);

  const deletedVolumes: string[] = [];
  const failedVolumes: VolumeDeletionFailure[] = [];
  for (const path of new Set(options.removeVolumePaths)) {
    try {
      const volume: StorageVolRef = disks.find((d) => d.path === path)?.volume ?? await conn.lookupStorageVolumeByPath(path);
      await conn.deleteStorageVolume(volume);
      deletedVolumes.push(path);
    } catch (error) {
      failedVolumes.push({ path, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }
  return { deletedVolumes, failedVolumes };
}
