/** Networks and pools as the contract carries them: plain data, sizes as numbers. */
import type { NetworkInfo as LibvirtNetwork, StoragePoolInfo as LibvirtPool } from '../../libvirt';
import type { NetworkSummary, StoragePoolSummary } from '../../../shared/model';

export function networkView(n: LibvirtNetwork): NetworkSummary {
  return { uuid: n.uuid, name: n.name, active: n.active, autostart: n.autostart };
}

export function poolView(p: LibvirtPool): StoragePoolSummary {
  return {
    uuid: p.uuid,
    name: p.name,
    state: p.state,
    capacity: Number(p.capacityBytes),
    allocation: Number(p.allocationBytes),
    available: Number(p.availableBytes),
  };
}
