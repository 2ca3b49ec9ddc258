/** What the assistant needs of the host, read once when it opens. */
import { summariseCapabilities } from '../../../shared/capabilities';
import type { NetworkSummary, StoragePoolSummary } from '../../../shared/model';
import type { HostLimits, VmTarget } from '../../../shared/new-vm/spec';
import { chooseVmTarget } from '../../../shared/new-vm/target';
import { call } from '../../ipc/client';

export interface NewVmHost {
  readonly limits: HostLimits;
  /** null: the host offers no hvm guest, so nothing can be defined. */
  readonly target: VmTarget | null;
  /** Running pools only: a stopped pool's volumes cannot be listed or made. */
  readonly pools: readonly StoragePoolSummary[];
  readonly networks: readonly NetworkSummary[];
}

export async function loadNewVmHost(connectionId: string): Promise<NewVmHost> {
  const [host, caps, pools, networks] = await Promise.all([
    call('host.info', connectionId),
    call('host.capabilities', connectionId),
    call('pools.list', connectionId),
    call('networks.list', connectionId),
  ]);
  const running = pools.filter((p) => p.state === 'running').sort((a, b) => a.name.localeCompare(b.name));
  return {
    limits: { memoryKiB: host.node.memoryKiB, cpus: host.node.cpus, poolAvailableBytes: new Map(running.map((p) => [p.name, p.available])) },
    target: chooseVmTarget(summariseCapabilities(caps)),
    pools: running,
    networks: [...networks].sort((a, b) => a.name.localeCompare(b.name)),
  };
}
