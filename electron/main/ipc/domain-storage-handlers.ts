/** A domain's disks, its clone and its deletion with the volumes the person chose. */
import { cloneDomain, deleteDomain, domainDiskVolumes, type Connection, type DomainRef } from '../../libvirt';
import type { DomainDisk } from '../../../shared/model';
import type { ConnectionManager } from '../connections/manager';
import type { Handlers } from './dispatch';

export function createDomainStorageHandlers(
  manager: ConnectionManager,
  domainByUuid: (conn: Connection, uuid: string) => Promise<DomainRef>,
): Pick<Handlers, 'domains.disks' | 'domains.clone' | 'domains.delete'> {
  const conn = (id: string): Connection => manager.get(id).requireOpen();
  return {
    'domains.disks': async (id, uuid) => {
      const c = conn(id);
      const disks = await domainDiskVolumes(c, await domainByUuid(c, uuid));
      return disks.map((d): DomainDisk => ({
        target: d.target,
        device: d.device,
        path: d.path,
        volume: d.volume === null ? null : `${d.volume.pool}/${d.volume.name}`,
        readonly: d.readonly,
      }));
    },
    'domains.clone': async (id, uuid, newName) => {
      const c = conn(id);
      const source = await domainByUuid(c, uuid);
      const clone = await cloneDomain(c, source.name, { newName });
      await manager.get(id).refreshDomain(clone.uuid);
      return { uuid: clone.uuid, name: clone.name };
    },
    'domains.delete': async (id, uuid, removeVolumePaths) => {
      const c = conn(id);
      const result = await deleteDomain(c, await domainByUuid(c, uuid), { removeVolumePaths });
      // Gone from every window's list, as a delta.
      await manager.get(id).refreshDomain(uuid);
      return {
        deletedVolumes: [...result.deletedVolumes],
        failedVolumes: result.failedVolumes.map((f) => ({ path: f.path, message: f.error.message })),
      };
    },
  };
}
