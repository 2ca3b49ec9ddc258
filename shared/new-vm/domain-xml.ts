/**
 * The New VM model as libvirt domain XML. Pure (no Node), so the window shows exactly what
 * main will define. Every value from the person is escaped; disks name their pool and
 * volume (<disk type='volume'>), so the XML needs no path and libvirt resolves it.
 */
import { presetDevices, type PresetDevices } from './presets';
import type { DiskChoice, InstallSource, VmSpec, VmTarget, VolumeName } from './spec';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Text of an attribute value, quoted. */
function attr(value: string | number): string {
  return `'${escapeXml(String(value))}'`;
}

/** Boot devices in the order the firmware tries them. */
function bootOrder(install: InstallSource): readonly string[] {
  switch (install.kind) {
    case 'iso': return ['cdrom', 'hd'];
    case 'disk': return ['hd'];
    case 'network': return ['network', 'hd'];
  }
}

function volumeSource(v: VolumeName): string {
  return `<source pool=${attr(v.pool)} volume=${attr(v.volume)}/>`;
}

/** Target names in the order the guest sees them: vda.. on virtio, sda.. on SATA. */
class TargetNames {
  private readonly used = new Map<string, number>();
  next(bus: 'virtio' | 'sata'): string {
    const prefix = bus === 'virtio' ? 'vd' : 'sd';
    const n = this.used.get(prefix) ?? 0;
    this.used.set(prefix, n + 1);
    return `${prefix}${String.fromCharCode(97 + n)}`;
  }
}

function diskElement(disk: DiskChoice, devices: PresetDevices, targets: TargetNames): string[] {
  switch (disk.kind) {
    case 'none': return [];
    case 'new':
    case 'existing': {
      // Declared, as virt-manager does: QEMU given no format treats an image as raw, and a
      // guest writing to a qcow2 seen as raw destroys it.
      const driver = disk.format === null ? '' : `<driver name='qemu' type=${attr(disk.format)}/>`;
      return [
        "    <disk type='volume' device='disk'>",
        ...(driver === '' ? [] : [`      ${driver}`]),
        `      ${volumeSource(disk)}`,
        `      <target dev=${attr(targets.next(devices.diskBus))} bus=${attr(devices.diskBus)}/>`,
        '    </disk>',
      ];
    }
  }
}

function cdromElement(install: InstallSource, targets: TargetNames): string[] {
  if (install.kind !== 'iso') return [];
  // SATA for every preset: every installer knows AHCI, and IDE is absent on q35 machines.
  return [
    "    <disk type='volume' device='cdrom'>",
    "      <driver name='qemu' type='raw'/>",
    `      ${volumeSource(install)}`,
    `      <target dev=${attr(targets.next('sata'))} bus='sata'/>`,
    '      <readonly/>',
    '    </disk>',
  ];
}

function interfaceElement(spec: VmSpec, devices: PresetDevices): string[] {
  switch (spec.network.kind) {
    case 'none': return [];
    case 'network':
      return [
        "    <interface type='network'>",
        `      <source network=${attr(spec.network.name)}/>`,
        `      <model type=${attr(devices.nicModel)}/>`,
        '    </interface>',
      ];
  }
}

function consoleElements(spec: VmSpec, devices: PresetDevices): string[] {
  return [
    ...(spec.serialConsole
      ? [
        "    <serial type='pty'>",
        "      <target port='0'/>",
        '    </serial>',
        "    <console type='pty'>",
        "      <target type='serial' port='0'/>",
        '    </console>',
      ]
      : []),
    ...(devices.usbTablet ? ["    <input type='tablet' bus='usb'/>"] : []),
    // Loopback only: the app reaches it through its own tunnel, nobody else on the network.
    ...(spec.vnc
      ? [
        "    <graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>",
        "      <listen type='address' address='127.0.0.1'/>",
        '    </graphics>',
      ]
      : []),
  ];
}

/** The domain XML for `spec` on `target`. Validate the spec first: this builds what it is given. */
export function buildDomainXml(spec: VmSpec, target: VmTarget): string {
  const devices = presetDevices(spec.preset);
  const memoryKiB = spec.memoryMiB * 1024;
  // The disk first: it gets the first name of its bus (vda or sda), the CD-ROM the next.
  const targets = new TargetNames();
  const disks = [...diskElement(spec.disk, devices, targets), ...cdromElement(spec.install, targets)];
  return [
    `<domain type=${attr(target.domainType)}>`,
    `  <name>${escapeXml(spec.name)}</name>`,
    `  <memory unit='KiB'>${memoryKiB}</memory>`,
    `  <currentMemory unit='KiB'>${memoryKiB}</currentMemory>`,
    `  <vcpu placement='static'>${spec.vcpus}</vcpu>`,
    '  <os>',
    `    <type arch=${attr(target.arch)}>hvm</type>`,
    ...bootOrder(spec.install).map((dev) => `    <boot dev=${attr(dev)}/>`),
    '  </os>',
    '  <features>',
    '    <acpi/>',
    '    <apic/>',
    '  </features>',
    `  <clock offset=${attr(devices.clock)}/>`,
    '  <on_poweroff>destroy</on_poweroff>',
    '  <on_reboot>restart</on_reboot>',
    '  <on_crash>destroy</on_crash>',
    '  <devices>',
    ...disks,
    ...interfaceElement(spec, devices),
    ...consoleElements(spec, devices),
    '  </devices>',
    '</domain>',
    '',
  ].join('\n');
}
