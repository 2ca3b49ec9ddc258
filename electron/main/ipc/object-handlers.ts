/** Network and storage-pool handlers: actions by UUID and a pool's volumes. */
import { LibvirtError, volumeFormatOf, type Connection, type NetworkRef, type StoragePoolRef } from '../../libvirt';
import type { NetworkAction, PoolAction, StorageVolumeSummary } from '../../../shared/model';
import { AppFailure } from '../app-failure';

async function networkByUuid(conn: Connection, uuid: string): Promise<NetworkRef> {
  try {
    return await conn.lookupNetworkByUuid(uuid);
  } catch (error) {
    if (error instanceof LibvirtError && error.codeName === 'NO_NETWORK') {
      throw new AppFailure('not-found', `no network with UUID ${uuid} on this host; it may have been undefined`);
    }
    throw error;
  }
}

export async function poolByUuid(conn: Connection, uuid: string): Promise<StoragePoolRef> {
  try {
    return await conn.lookupStoragePoolByUuid(uuid);
  } catch (error) {
    if (error instanceof LibvirtError && error.codeName === 'NO_STORAGE_POOL') {
      throw new AppFailure('not-found', `no storage pool with UUID ${uuid} on this host; it may have been undefined`);
    }
    throw error;
  }
}

export async function runNetworkAction(conn: Connection, uuid: string, action: NetworkAction): Promise<void> {
  const net = await networkByUuid(conn, uuid);
  switch (action) {
    case 'start': return conn.startNetwork(net);
    case 'stop': return conn.stopNetwork(net);
  }
}

export async function runPoolAction(conn: Connection, uuid: string, action: PoolAction): Promise<void> {
  const pool = await poolByUuid(conn, uuid);
  switch (action) {
    case 'start': return conn.startStoragePool(pool);
    case 'stop': return conn.stopStoragePool(pool);
    case 'refresh': return conn.refreshStoragePool(pool);
  }
}

export async function poolVolumes(conn: Connection, uuid: string): Promise<StorageVolumeSummary[]> {
  const volumes = await conn.listStorageVolumes(await poolByUuid(conn, uuid));
  // The format is in the volume's XML alone; a disk that uses the volume must declare it.
  const formats = await Promise.all(volumes.map(async (v) => volumeFormatOf(await conn.storageVolumeXml(v)) ?? null));
  return volumes
    .map((v, i) => ({ key: v.key, name: v.name, type: v.type, format: formats[i] ?? null, capacity: Number(v.capacityBytes), allocation: Number(v.allocationBytes) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
