import { describe, expect, it } from 'vitest';
import { summariseCapabilities } from '../../../shared/capabilities';
import { capabilitiesXml } from '../../../electron/libvirt/drivers/test/capabilities';
import { DEFAULT_NODE_INFO } from '../../../electron/libvirt/drivers/test/node-info';

const QEMU = `<capabilities>
  <host><uuid>x</uuid><cpu><arch>x86_64</arch><model>Skylake</model></cpu></host>
  <guest>
    <os_type>hvm</os_type>
    <arch name='i686'><wordsize>32</wordsize><emulator>/usr/bin/qemu-system-i386</emulator>
      <machine maxCpus='255'>pc-i440fx-7.2</machine><machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>
      <domain type='qemu'/>
    </arch>
  </guest>
  <guest>
    <os_type>hvm</os_type>
    <arch name='x86_64'><wordsize>64</wordsize><emulator>/usr/bin/qemu-system-x86_64</emulator>
      <machine maxCpus='288'>pc-q35-7.2</machine>
      <domain type='qemu'/>
      <domain type='kvm'><machine>pc-kvm-only</machine></domain>
    </arch>
  </guest>
</capabilities>`;

describe('the capabilities summary', () => {
  it('lists each guest architecture with its OS type, emulator, machine types and domain types', () => {
    expect(summariseCapabilities(QEMU)).toEqual({
      hostArch: 'x86_64',
      guests: [
        { osType: 'hvm', arch: 'i686', wordsize: '32', emulator: '/usr/bin/qemu-system-i386', machines: ['pc-i440fx-7.2', 'pc'], domainTypes: ['qemu'] },
        { osType: 'hvm', arch: 'x86_64', wordsize: '64', emulator: '/usr/bin/qemu-system-x86_64', machines: ['pc-q35-7.2', 'pc-kvm-only'], domainTypes: ['qemu', 'kvm'] },
      ],
    });
  });

  it("reads the embedded test host's document: i686, hvm and xen, domain type test", () => {
    const summary = summariseCapabilities(capabilitiesXml(DEFAULT_NODE_INFO));
    expect(summary.hostArch).toBe('i686');
    expect(summary.guests.map((g) => [g.osType, g.arch, g.domainTypes])).toEqual([['hvm', 'i686', ['test']], ['xen', 'i686', ['test']]]);
  });

  it('says so when the document is not capabilities', () => {
    expect(() => summariseCapabilities('<domain/>')).toThrow(/no <capabilities> element/);
  });
});
