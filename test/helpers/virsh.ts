import { expect } from 'vitest';
import type { HostInfo } from '../../shared/model';
import { run } from './process';

export async function virsh(uri: string, ...args: string[]): Promise<string> {
  return (await run('virsh', ['-q', '-c', uri, ...args], { timeoutMs: 60_000 })).stdout;
}

/** `virsh nodeinfo` as label → value. */
export async function virshNodeInfo(uri: string): Promise<Map<string, string>> {
  const out = await virsh(uri, 'nodeinfo');
  return new Map(
    out.split('\n').filter((l) => l.includes(':')).map((l) => {
      const at = l.indexOf(':');
      return [l.slice(0, at).trim(), l.slice(at + 1).trim()];
    }),
  );
}

export interface VirshListRow {
  readonly id: number | null;
  readonly name: string;
  readonly state: string;
}

/** `virsh list --all` rows; virsh prints "shut off" where the API says "shutoff". */
export async function virshList(uri: string): Promise<VirshListRow[]> {
  const out = await virsh(uri, 'list', '--all');
  return out.split('\n').filter((l) => l.trim() !== '').map((line) => {
    const match = /^\s*(\S+)\s+(\S+)\s+(.+?)\s*$/.exec(line);
    if (!match) throw new Error(`unexpected virsh list line: ${line}`);
    const [, id = '', name = '', state = ''] = match;
    return { id: id === '-' ? null : Number(id), name, state };
  });
}

/** Host info as we report it must be what virsh reports for the same URI of the same daemon. */
export async function expectHostInfoLikeVirsh(info: HostInfo, virshUri: string): Promise<void> {
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
  expect(version).toContain(`Running against daemon: ${info.libvirtVersion}`);
}

/** The names `virsh vol-list POOL` prints, one a row. */
export async function virshVolumeNames(uri: string, pool: string): Promise<string[]> {
  const out = await virsh(uri, 'vol-list', pool);
  return out.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter((n) => n !== '');
}
