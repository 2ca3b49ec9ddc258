/** Network procedures of the REMOTE program. */
import { int, optional, struct, uint, varArray } from '../../xdr/codec';
import { networkRef, nonnullString, uuid } from '../types';
import { proc } from './define';

/** REMOTE_NETWORK_LIST_MAX */
const NETWORK_LIST_MAX = 16384;

const net = struct({ net: networkRef });

export const networkProcedures = {
  networkCreate: proc(39, net),
  networkDestroy: proc(42, net),
  networkGetXmlDesc: proc(43, struct({ net: networkRef, flags: uint }), struct({ xml: nonnullString })),
  networkGetAutostart: proc(44, net, struct({ autostart: int })),
  networkLookupByName: proc(46, struct({ name: nonnullString }), net),
  networkLookupByUuid: proc(47, struct({ uuid }), net),
  networkIsActive: proc(152, net, struct({ active: int })),
  connectListAllNetworks: proc(
    283,
    struct({ needResults: int, flags: uint }),
    struct({ nets: varArray(networkRef, NETWORK_LIST_MAX), ret: uint }),
  ),
  connectNetworkEventRegisterAny: proc(
    313,
    struct({ eventID: int, net: optional(networkRef) }),
    struct({ callbackID: int }),
  ),
  connectNetworkEventDeregisterAny: proc(314, struct({ callbackID: int })),
} as const;
