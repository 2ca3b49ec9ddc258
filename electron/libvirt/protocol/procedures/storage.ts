/** Storage pool procedures of the REMOTE program. */
import { int, struct, uhyper, uint, varArray } from '../../xdr/codec';
import { nonnullString, storagePoolRef } from '../types';
import { proc } from './define';

/** REMOTE_STORAGE_POOL_LIST_MAX */
const STORAGE_POOL_LIST_MAX = 16384;

const pool = struct({ pool: storagePoolRef });

export const storageProcedures = {
  storagePoolLookupByName: proc(84, struct({ name: nonnullString }), pool),
  storagePoolGetInfo: proc(
    87,
    pool,
    // unsigned char state takes a full XDR word.
    struct({ state: uint, capacity: uhyper, allocation: uhyper, available: uhyper }),
  ),
  storagePoolGetXmlDesc: proc(88, struct({ pool: storagePoolRef, flags: uint }), struct({ xml: nonnullString })),
  storagePoolGetAutostart: proc(89, pool, struct({ autostart: int })),
  storagePoolIsActive: proc(154, pool, struct({ active: int })),
  connectListAllStoragePools: proc(
    281,
    struct({ needResults: int, flags: uint }),
    struct({ pools: varArray(storagePoolRef, STORAGE_POOL_LIST_MAX), ret: uint }),
  ),
} as const;
