import { describe, expect, it } from 'vitest';
import { parseSnapshotXml } from '../../../electron/libvirt/driver/snapshot-xml';
import { cloneVolumeName, snapshotXml, volumeXml } from '../../../electron/libvirt/manage';

describe('XML built from typed values', () => {
  it('escapes a volume name that looks like markup', () => {
    const xml = volumeXml({ name: `a<b>&'c"`, capacityBytes: 1024n, format: 'qcow2' }, 0n);
    expect(xml).toContain('<name>a&lt;b&gt;&amp;\'c"</name>');
    expect(xml).toContain("<capacity unit='bytes'>1024</capacity>");
    expect(xml).toContain("<format type='qcow2'/>");
  });

  it('builds a snapshot request that reads back as it was given', () => {
    const xml = snapshotXml({ name: 'before <upgrade>', description: 'x & "y"' });
    const info = parseSnapshotXml(xml, false);
    expect(info).toMatchObject({ name: 'before <upgrade>', description: 'x & "y"', parent: null, state: 'nostate' });
  });

  it('reads parent, state, time and memory from a snapshot as libvirt writes it', () => {
    const info = parseSnapshotXml(`<domainsnapshot><name>s2</name><state>shutoff</state>
      <parent><name>s1</name></parent><creationTime>1700000000</creationTime><memory snapshot='no'/></domainsnapshot>`, true);
    expect(info).toEqual({ name: 's2', parent: 's1', current: true, description: '', state: 'shutoff', createdAt: 1700000000, hasMemory: false });
  });

  it('names a cloned volume after the clone', () => {
    expect(cloneVolumeName('vm.qcow2', 'vm', 'vm-clone')).toBe('vm-clone.qcow2');
    expect(cloneVolumeName('data.img', 'vm', 'copy')).toBe('copy-data.img');
  });
});
