/** Storage pool procedures of the REMOTE program. */
import { int, optional, struct, uhyper, uint, varArray } from '../../xdr/codec';
import { nonnullString, storagePoolRef, storageVolRef, uuid } from '../types';
import { proc } from './define';

/** REMOTE_STORAGE_POOL_LIST_MAX */
const STORAGE_POOL_LIST_MAX = 16384;
/** REMOTE_STORAGE_VOL_LIST_MAX */
const STORAGE_VOL_LIST_MAX = 16384;

const pool = struct({ pool: storagePoolRef });
const poolFlags = struct({ pool: storagePoolRef, flags: uint });

export const storageProcedures = {
  storagePoolCreate: proc(78, poolFlags),
  storagePoolDestroy: proc(80, pool),
  storagePoolRefresh: proc(83, poolFlags),
  storagePoolLookupByName: proc(84, struct({ name: nonnullString }), pool),
  storagePoolLookupByUuid: proc(85, struct({ uuid }), pool),
  storagePoolGetInfo: proc(
    87,
    pool,
    // unsigned char state takes a full XDR word.
    struct({ state: uint, capacity: uhyper, allocation: uhyper, available: uhyper }),
  ),
  storagePoolGetXmlDesc: proc(88, struct({ pool: storagePoolRef, flags: uint }), struct({ xml: nonnullString })),
  storagePoolGetAutostart: proc(89, pool, struct({ autostart: int })),
  // char type takes a full XDR word.
  storageVolGetInfo: proc(98, struct({ vol: storageVolRef }), struct({ type: int, capacity: uhyper, allocation: uhyper })),
  storagePoolIsActive: proc(154, pool, struct({ active: int })),
  connectListAllStoragePools: proc(
    281,
    struct({ needResults: int, flags: uint }),
    struct({ pools: varArray(storagePoolRef, STORAGE_POOL_LIST_MAX), ret: uint }),
  ),
  storagePoolListAllVolumes: proc(
    282,
    struct({ pool: storagePoolRef, needResults: int, flags: uint }),
    struct({ vols: varArray(storageVolRef, STORAGE_VOL_LIST_MAX), ret: uint }),
  ),
  connectStoragePoolEventRegisterAny: proc(
    368,
    struct({ eventID: int, pool: optional(storagePoolRef) }),
    struct({ callbackID: int }),
  ),
  connectStoragePoolEventDeregisterAny: proc(369, struct({ callbackID: int })),
} as const;
