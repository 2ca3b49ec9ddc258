import { expect } from 'vitest';
import type { Connection } from '../../../electron/libvirt';
import { virsh, virshNodeInfo } from '../../helpers/virsh';

/** Our host info must be what virsh reports for the same URI of the same daemon. */
export async function expectSameHostInfoAsVirsh(conn: Connection, virshUri: string): Promise<void> {
  const info = await conn.hostInfo();
  const node = await virshNodeInfo(virshUri);
  expect(info.node).toEqual({
    model: node.get('CPU model'),
    cpus: Number(node.get('CPU(s)')),
    mhz: Number(node.get('CPU frequency')?.replace(' MHz', '')),
    sockets: Number(node.get('CPU socket(s)')),
    cores: Number(node.get('Core(s) per socket')),
    threads: Number(node.get('Thread(s) per core')),
    nodes: Number(node.get('NUMA cell(s)')),
    memoryKiB: Number(node.get('Memory size')?.replace(' KiB', '')),
  });
  expect(info.hostname).toBe((await virsh(virshUri, 'hostname')).trim());
  const version = await virsh(virshUri, 'version', '--daemon');
  expect(version).toContain(`Running hypervisor: ${info.type} ${info.hypervisorVersion}`);
  expect(info.uri).toBe('test:///default');
}
