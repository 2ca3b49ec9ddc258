/**
 * The capabilities XML of an embedded host, shaped like libvirt's test driver's: an i686
 * host, its NUMA cells, and hvm and xen guests of domain type 'test'.
 */
import type { NodeInfo } from '../../driver/model';

export function capabilitiesXml(node: NodeInfo): string {
  const perCell = Math.max(1, Math.floor(node.cpus / Math.max(1, node.nodes)));
  const cells = Array.from({ length: node.nodes }, (_, cell) => {
    const cpus = Array.from({ length: perCell }, (_, i) => {
      const id = cell * perCell + i;
      return `            <cpu id='${id}' socket_id='${cell}' die_id='0' core_id='${i}' siblings='${id}'/>`;
    });
    const memory = Math.floor(node.memoryKiB / Math.max(1, node.nodes));
    return [
      `        <cell id='${cell}'>`,
      `          <memory unit='KiB'>${memory}</memory>`,
      `          <cpus num='${perCell}'>`,
      ...cpus,
      '          </cpus>',
      '        </cell>',
    ].join('\n');
  });
  const guest = (osType: string): string => [
    '  <guest>',
    `    <os_type>${osType}</os_type>`,
    "    <arch name='i686'>",
    '      <wordsize>32</wordsize>',
    '      <emulator>/usr/bin/test-hv</emulator>',
    "      <domain type='test'/>",
    '    </arch>',
    '    <features>',
    '      <pae/>',
    '      <nonpae/>',
    '    </features>',
    '  </guest>',
  ].join('\n');
  return [
    '<capabilities>',
    '',
    '  <host>',
    '    <cpu>',
    '      <arch>i686</arch>',
    '      <features>',
    '        <pae/>',
    '        <nonpae/>',
    '      </features>',
    "      <pages unit='KiB' size='4'/>",
    "      <pages unit='KiB' size='8'/>",
    "      <pages unit='KiB' size='2048'/>",
    "      <pages unit='KiB' size='1048576'/>",
    '    </cpu>',
    '    <power_management/>',
    "    <iommu support='no'/>",
    '    <topology>',
    `      <cells num='${node.nodes}'>`,
    ...cells,
    '      </cells>',
    '    </topology>',
    '    <secmodel>',
    '      <model>testSecurity</model>',
    '      <doi></doi>',
    '    </secmodel>',
    '  </host>',
    '',
    guest('hvm'),
    '',
    guest('xen'),
    '',
    '</capabilities>',
    '',
  ].join('\n');
}
