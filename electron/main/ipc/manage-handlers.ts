/**
 * Handlers that change what a host holds: define a new domain (with its new disk), create
 * and delete volumes, and a domain's snapshots. Each takes names and UUIDs from the window,
 * never paths of main's own files.
 */
import { createVolume, SnapshotCreateFlags, snapshotXml, storagePoolNamed, type Connection, type DomainRef, type StoragePoolRef, type StorageVolRef } from '../../libvirt';
import type { InvokeArgs, InvokeResult } from '../../../shared/ipc';
import { AppFailure } from '../app-failure';
import type { ConnectionManager } from '../connections/manager';
import type { Handlers } from './dispatch';
import { poolByUuid } from './object-handlers';

type NewVolumeInput = InvokeArgs<'volumes.create'>[2];

async function createVolumeIn(conn: Connection, pool: StoragePoolRef, volume: NewVolumeInput): Promise<StorageVolRef> {
  return createVolume(conn, pool, { name: volume.name, capacityBytes: BigInt(volume.capacityMiB) * 1024n * 1024n, format: volume.format });
}

async function poolByName(conn: Connection, name: string): Promise<StoragePoolRef> {
  const pool = await storagePoolNamed(conn, name);
  if (pool === null) throw new AppFailure('not-found', `no storage pool named "${name}" on this host`);
  return pool;
}

/** Defines `xml`; a volume made for it first is deleted again when libvirt refuses the XML. */
async function defineWithVolume(conn: Connection, xml: string, newVolume: InvokeArgs<'domains.define'>[2]): Promise<DomainRef> {
  if (newVolume === null) return conn.defineDomain(xml);
  const pool = await poolByName(conn, newVolume.pool);
  const made = await createVolumeIn(conn, pool, newVolume.volume);
  try {
    return await conn.defineDomain(xml);
  } catch (error) {
    // libvirt's refusal is what the person must read; a volume that could not be removed
    // again still shows in its pool's list.
    await conn.deleteStorageVolume(made).catch(() => undefined);
    throw error;
  }
}

type ManageChannels = 'domains.define' | 'volumes.create' | 'volumes.delete' | 'snapshots.list' | 'snapshots.create' | 'snapshots.revert' | 'snapshots.delete';

export function createManageHandlers(
  manager: ConnectionManager,
  domainByUuid: (conn: Connection, uuid: string) => Promise<DomainRef>,
): Pick<Handlers, ManageChannels> {
  const conn = (id: string): Connection => manager.get(id).requireOpen();
  return {
    'domains.define': async (id, xml, newVolume): Promise<InvokeResult<'domains.define'>> => {
      const dom = await defineWithVolume(conn(id), xml, newVolume);
      // The list learns of it as a delta, in every window, as for any lifecycle change.
      await manager.get(id).refreshDomain(dom.uuid);
      return { uuid: dom.uuid, name: dom.name };
    },
    'volumes.create': async (id, poolUuid, volume) => {
      const c = conn(id);
      await createVolumeIn(c, await poolByUuid(c, poolUuid), volume);
      return null;
    },
    'volumes.delete': async (id, poolUuid, name) => {
      const c = conn(id);
      await c.deleteStorageVolume(await c.lookupStorageVolumeByName(await poolByUuid(c, poolUuid), name));
      return null;
    },
    'snapshots.list': async (id, uuid) => {
      const c = conn(id);
      return (await c.listDomainSnapshots(await domainByUuid(c, uuid))).map((s) => ({ ...s }));
    },
    'snapshots.create': async (id, uuid, input) => {
      const c = conn(id);
      const dom = await domainByUuid(c, uuid);
      const running = (await c.domainState(dom)).state === 'running';
      // A running domain's snapshot holds its memory unless the person declines; then only its disks.
      const flags = running && !input.withMemory ? SnapshotCreateFlags.DISK_ONLY | SnapshotCreateFlags.ATOMIC : 0;
      return c.createDomainSnapshot(dom, snapshotXml({ name: input.name, description: input.description }), flags);
    },
    'snapshots.revert': async (id, uuid, name) => {
      const c = conn(id);
      await c.revertDomainSnapshot(await domainByUuid(c, uuid), name);
      await manager.get(id).refreshDomain(uuid);
      return null;
    },
    'snapshots.delete': async (id, uuid, name) => {
      const c = conn(id);
      await c.deleteDomainSnapshot(await domainByUuid(c, uuid), name);
      return null;
    },
  };
}
