import type { HostInfo } from '../../../shared/model';
import { formatKiB } from '../../components/format';

/** The facts virsh's `version`, `hostname`, `uri` and `nodeinfo` print, in one card. */
export function HostInfoCard({ host }: { readonly host: HostInfo }): React.JSX.Element {
  const { node } = host;
  const rows: readonly (readonly [string, string, string])[] = [
    ['Driver', host.type, 'host-type'],
    ['Hypervisor version', host.hypervisorVersion, 'host-hv-version'],
    ['Libvirt version', host.libvirtVersion, 'host-libvirt-version'],
    ['Hostname', host.hostname, 'host-hostname'],
    ['URI', host.uri, 'host-uri'],
    ['CPU model', node.model, 'host-cpu-model'],
    ['CPUs', String(node.cpus), 'host-cpus'],
    ['CPU frequency', `${node.mhz} MHz`, 'host-mhz'],
    ['Topology', `${node.nodes} NUMA node${node.nodes === 1 ? '' : 's'}, ${node.sockets} socket${node.sockets === 1 ? '' : 's'}, ${node.cores} core${node.cores === 1 ? '' : 's'}, ${node.threads} thread${node.threads === 1 ? '' : 's'}`, 'host-topology'],
    ['Memory', `${(node.memoryKiB / 1024 / 1024).toFixed(1)} GiB`, 'host-memory'],
  ];
  return (
    <dl className="facts" data-testid="host-info" title={formatKiB(node.memoryKiB)}>
      {rows.map(([label, value, testId]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
