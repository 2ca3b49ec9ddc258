/** The two ObjectEvents tables the remote driver uses: networks and storage pools. */
import { NetworkEventId, StoragePoolEventId, eventMessages } from '../../protocol/events';
import { procedures } from '../../protocol/procedures';
import { networkEventName, storagePoolEventName } from '../../driver/mappers';
import type { NetworkEvent, StoragePoolEvent } from '../../driver/model';
import { decode } from '../../xdr/codec';
import { registerAllArgs, type ObjectEvents } from './object-event-hub';

export const NETWORK_EVENT_IDS = [NetworkEventId.LIFECYCLE] as const;
export const STORAGE_POOL_EVENT_IDS = [StoragePoolEventId.LIFECYCLE, StoragePoolEventId.REFRESH] as const;

const netRegister = procedures.connectNetworkEventRegisterAny;
const netLifecycle = eventMessages.networkEventLifecycle;

export const networkEvents: ObjectEvents<NetworkEvent> = {
  label: 'network events',
  register: { number: netRegister.number, args: registerAllArgs(netRegister.args, (eventID) => ({ eventID, net: null })), ret: netRegister.ret },
  deregister: (rpc, callbackID) => rpc.call('connectNetworkEventDeregisterAny', { callbackID }),
  messages: new Map([
    [netLifecycle.number, (payload: Buffer) => {
      const m = decode(netLifecycle.codec, payload, 'network lifecycle event');
      return { callbackID: m.callbackID, event: { network: m.net, event: networkEventName(m.event), detail: m.detail } };
    }],
  ]),
};

const poolRegister = procedures.connectStoragePoolEventRegisterAny;
const poolLifecycle = eventMessages.storagePoolEventLifecycle;
const poolRefresh = eventMessages.storagePoolEventRefresh;

export const storagePoolEvents: ObjectEvents<StoragePoolEvent> = {
  label: 'storage pool events',
  register: { number: poolRegister.number, args: registerAllArgs(poolRegister.args, (eventID) => ({ eventID, pool: null })), ret: poolRegister.ret },
  deregister: (rpc, callbackID) => rpc.call('connectStoragePoolEventDeregisterAny', { callbackID }),
  messages: new Map([
    [poolLifecycle.number, (payload: Buffer) => {
      const m = decode(poolLifecycle.codec, payload, 'storage pool lifecycle event');
      return { callbackID: m.callbackID, event: { pool: m.pool, event: storagePoolEventName(m.event), detail: m.detail } };
    }],
    [poolRefresh.number, (payload: Buffer) => {
      const m = decode(poolRefresh.codec, payload, 'storage pool refresh event');
      return { callbackID: m.callbackID, event: { pool: m.pool, event: 'refreshed' as const, detail: 0 } };
    }],
  ]),
};
