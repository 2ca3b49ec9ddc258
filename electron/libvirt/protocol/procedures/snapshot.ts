/** Domain snapshot procedures of the REMOTE program (virDomainSnapshot*). */
import { int, struct, uint, varArray } from '../../xdr/codec';
import { domainRef, nonnullString } from '../types';
import { proc } from './define';

/** REMOTE_DOMAIN_SNAPSHOT_LIST_MAX */
const SNAPSHOT_LIST_MAX = 16384;

/** remote_nonnull_domain_snapshot: a snapshot is named within its domain. */
export const snapshotRef = struct({ name: nonnullString, dom: domainRef });
const snap = struct({ snap: snapshotRef });
const snapFlags = struct({ snap: snapshotRef, flags: uint });
const domFlags = struct({ dom: domainRef, flags: uint });

export const snapshotProcedures = {
  domainSnapshotCreateXml: proc(185, struct({ dom: domainRef, xmlDesc: nonnullString, flags: uint }), snap),
  domainSnapshotGetXmlDesc: proc(186, snapFlags, struct({ xml: nonnullString })),
  domainHasCurrentSnapshot: proc(190, domFlags, struct({ result: int })),
  domainSnapshotCurrent: proc(191, domFlags, snap),
  domainRevertToSnapshot: proc(192, snapFlags),
  domainSnapshotDelete: proc(193, snapFlags),
  domainListAllSnapshots: proc(
    274,
    struct({ dom: domainRef, needResults: int, flags: uint }),
    struct({ snapshots: varArray(snapshotRef, SNAPSHOT_LIST_MAX), ret: int }),
  ),
} as const;
