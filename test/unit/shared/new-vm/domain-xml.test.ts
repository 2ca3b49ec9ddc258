import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildDomainXml } from '../../../../shared/new-vm/domain-xml';
import type { VmSpec, VmTarget } from '../../../../shared/new-vm/spec';

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false, isArray: (name) => ['disk', 'interface', 'boot', 'input', 'graphics', 'serial', 'console'].includes(name) });

type Node = Record<string, unknown>;
function domainOf(xml: string): Node {
  return (parser.parse(xml) as { domain: Node }).domain;
}
function devicesOf(xml: string): Node {
  return domainOf(xml).devices as Node;
}
function list(node: Node, key: string): Node[] {
  return (node[key] as Node[] | undefined) ?? [];
}

const TARGET: VmTarget = { domainType: 'kvm', arch: 'x86_64' };

const BASE: VmSpec = {
  name: 'web-1',
  install: { kind: 'iso', pool: 'default', volume: 'debian.iso' },
  preset: 'linux',
  vcpus: 2,
  memoryMiB: 1024,
  disk: { kind: 'new', pool: 'default', volume: 'web-1.qcow2', capacityMiB: 8192, format: 'qcow2' },
  network: { kind: 'network', name: 'default' },
  serialConsole: true,
  vnc: true,
};

describe('the New VM domain XML', () => {
  it('Linux: a virtio disk and NIC, the ISO on SATA, booting the CD-ROM first', () => {
    const xml = buildDomainXml(BASE, TARGET);
    const dom = domainOf(xml);
    expect(dom['@type']).toBe('kvm');
    expect(dom.name).toBe('web-1');
    expect((dom.memory as Node)['#text']).toBe(String(1024 * 1024));
    expect((dom.vcpu as Node)['#text']).toBe('2');
    const os = dom.os as Node;
    expect((os.type as Node)['@arch']).toBe('x86_64');
    expect(list(os, 'boot').map((b) => b['@dev'])).toEqual(['cdrom', 'hd']);
    const devices = devicesOf(xml);
    const [disk, cdrom] = list(devices, 'disk');
    expect(disk).toMatchObject({ '@type': 'volume', '@device': 'disk', source: { '@pool': 'default', '@volume': 'web-1.qcow2' }, target: { '@dev': 'vda', '@bus': 'virtio' }, driver: { '@type': 'qcow2' } });
    expect(cdrom).toMatchObject({ '@device': 'cdrom', source: { '@pool': 'default', '@volume': 'debian.iso' }, target: { '@dev': 'sda', '@bus': 'sata' } });
    expect(cdrom).toHaveProperty('readonly');
    expect(list(devices, 'interface')[0]).toMatchObject({ '@type': 'network', source: { '@network': 'default' }, model: { '@type': 'virtio' } });
    expect(list(devices, 'input')).toEqual([]);
  });

  it('Windows: SATA disk, e1000e NIC, a USB tablet and a local-time clock', () => {
    const xml = buildDomainXml({ ...BASE, preset: 'windows' }, TARGET);
    const devices = devicesOf(xml);
    const [disk, cdrom] = list(devices, 'disk');
    expect(disk?.target).toEqual({ '@dev': 'sda', '@bus': 'sata' });
    expect(cdrom?.target).toEqual({ '@dev': 'sdb', '@bus': 'sata' });
    expect((list(devices, 'interface')[0]?.model as Node)['@type']).toBe('e1000e');
    expect(list(devices, 'input')).toEqual([{ '@type': 'tablet', '@bus': 'usb' }]);
    expect((domainOf(xml).clock as Node)['@offset']).toBe('localtime');
  });

  it('Other: conservative SATA disk and e1000 NIC', () => {
    const devices = devicesOf(buildDomainXml({ ...BASE, preset: 'other' }, TARGET));
    expect(list(devices, 'disk')[0]?.target).toEqual({ '@dev': 'sda', '@bus': 'sata' });
    expect((list(devices, 'interface')[0]?.model as Node)['@type']).toBe('e1000');
  });

  it('serial console and VNC on loopback by default; both can be left out', () => {
    const on = devicesOf(buildDomainXml(BASE, TARGET));
    expect(list(on, 'serial')).toHaveLength(1);
    expect(list(on, 'console')).toHaveLength(1);
    expect(list(on, 'graphics')[0]).toMatchObject({ '@type': 'vnc', '@listen': '127.0.0.1', listen: { '@address': '127.0.0.1' } });
    const off = devicesOf(buildDomainXml({ ...BASE, serialConsole: false, vnc: false }, TARGET));
    expect(list(off, 'serial')).toEqual([]);
    expect(list(off, 'graphics')).toEqual([]);
  });

  it('network boot: no CD-ROM, network first; an existing disk boots the disk alone', () => {
    const net = buildDomainXml({ ...BASE, install: { kind: 'network' } }, TARGET);
    expect(list(domainOf(net).os as Node, 'boot').map((b) => b['@dev'])).toEqual(['network', 'hd']);
    expect(list(devicesOf(net), 'disk')).toHaveLength(1);
    const disk = buildDomainXml({ ...BASE, install: { kind: 'disk' }, disk: { kind: 'existing', pool: 'p', volume: 'old.img', format: 'qcow2' }, network: { kind: 'none' } }, TARGET);
    expect(list(domainOf(disk).os as Node, 'boot').map((b) => b['@dev'])).toEqual(['hd']);
    expect(list(devicesOf(disk), 'disk')[0]).toMatchObject({ source: { '@pool': 'p', '@volume': 'old.img' } });
    expect(list(devicesOf(disk), 'interface')).toEqual([]);
  });

  it('declares an existing volume\'s own format, and none when its XML names none', () => {
    const existing = (format: string | null): Node | undefined =>
      list(devicesOf(buildDomainXml({ ...BASE, install: { kind: 'disk' }, disk: { kind: 'existing', pool: 'p', volume: 'old', format } }, TARGET)), 'disk')[0];
    expect(existing('qcow2')?.driver).toEqual({ '@name': 'qemu', '@type': 'qcow2' });
    expect(existing('vmdk')?.driver).toEqual({ '@name': 'qemu', '@type': 'vmdk' });
    expect(existing(null)?.driver).toBeUndefined();
  });

  it('escapes every value it is given', () => {
    const hostile = `a<b>&"c'</name><evil/>`;
    const xml = buildDomainXml({ ...BASE, name: hostile, network: { kind: 'network', name: hostile }, install: { kind: 'iso', pool: hostile, volume: hostile } }, TARGET);
    expect(xml).not.toContain('<evil/>');
    const dom = domainOf(xml);
    expect(dom.name).toBe(hostile);
    expect(list(dom.devices as Node, 'interface')[0]?.source).toEqual({ '@network': hostile });
    expect(list(dom.devices as Node, 'disk')[1]?.source).toEqual({ '@pool': hostile, '@volume': hostile });
  });
});
