/** Storage volume procedures of the REMOTE program (virStorageVol*). */
import { struct, uhyper, uint } from '../../xdr/codec';
import { nonnullString, storagePoolRef, storageVolRef } from '../types';
import { proc } from './define';

const vol = struct({ vol: storageVolRef });
const volFlags = struct({ vol: storageVolRef, flags: uint });

export const volumeProcedures = {
  storageVolCreateXml: proc(93, struct({ pool: storagePoolRef, xml: nonnullString, flags: uint }), vol),
  storageVolDelete: proc(94, volFlags),
  storageVolLookupByName: proc(95, struct({ pool: storagePoolRef, name: nonnullString }), vol),
  storageVolLookupByPath: proc(97, struct({ path: nonnullString }), vol),
  storageVolGetXmlDesc: proc(99, volFlags, struct({ xml: nonnullString })),
  storageVolGetPath: proc(100, vol, struct({ name: nonnullString })),
  storageVolCreateXmlFrom: proc(
    125,
    struct({ pool: storagePoolRef, xml: nonnullString, clonevol: storageVolRef, flags: uint }),
    vol,
  ),
  /** Opens a write stream: the reply is empty, the volume's new bytes follow as STREAM packets. */
  storageVolUpload: proc(208, struct({ vol: storageVolRef, offset: uhyper, length: uhyper, flags: uint })),
  /** Opens a read stream of the volume's bytes. */
  storageVolDownload: proc(209, struct({ vol: storageVolRef, offset: uhyper, length: uhyper, flags: uint })),
} as const;
