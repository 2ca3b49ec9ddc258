/** Finding a storage pool by the name a person typed. */
import type { Connection } from '../driver/api';
import type { StoragePoolRef } from '../driver/model';
import { LibvirtError } from '../errors';
import { ErrorCode } from '../protocol/error-codes';

/** The pool called `name`, or null when the host has none: each caller says so in its own words. */
export async function storagePoolNamed(conn: Connection, name: string): Promise<StoragePoolRef | null> {
  try {
    return await conn.lookupStoragePoolByName(name);
  } catch (error) {
    if (error instanceof LibvirtError && error.code === ErrorCode.NO_STORAGE_POOL) return null;
    throw error;
  }
}
