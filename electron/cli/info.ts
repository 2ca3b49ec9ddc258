import type { Connection, HostInfo } from '../libvirt';

/** `virtdeck-cli info --json`: the host info, with the URI the daemon reports. */
export type InfoJson = HostInfo;

export function hostInfoJson(conn: Connection): Promise<InfoJson> {
  return conn.hostInfo();
}

export function formatHostInfo(info: HostInfo): string {
  const rows: [string, string][] = [
    ['URI', info.uri],
    ['Hypervisor', `${info.type} ${info.hypervisorVersion}`],
    ['libvirt', info.libvirtVersion],
    ['Hostname', info.hostname],
    ['CPU model', info.node.model],
    ['CPUs', String(info.node.cpus)],
    ['CPU frequency', `${info.node.mhz} MHz`],
    ['NUMA nodes', String(info.node.nodes)],
    ['Sockets per node', String(info.node.sockets)],
    ['Cores per socket', String(info.node.cores)],
    ['Threads per core', String(info.node.threads)],
    ['Memory', `${info.node.memoryKiB} KiB`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length)) + 1;
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`).join('\n');
}
