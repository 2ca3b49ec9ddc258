import { describe, expect, it } from 'vitest';
import type { HostLimits, VmSpec } from '../../../../shared/new-vm/spec';
import { stepForDefineError, chooseVmTarget } from '../../../../shared/new-vm/target';
import { validateVmSpec } from '../../../../shared/new-vm/validate';

const HOST: HostLimits = { memoryKiB: 4 * 1024 * 1024, cpus: 4, poolAvailableBytes: new Map([['default', 100 * 1024 * 1024]]) };

const GOOD: VmSpec = {
  name: 'web-1',
  install: { kind: 'iso', pool: 'default', volume: 'debian.iso' },
  preset: 'linux',
  vcpus: 2,
  memoryMiB: 1024,
  disk: { kind: 'new', pool: 'default', volume: 'web-1.qcow2', capacityMiB: 16, format: 'qcow2' },
  network: { kind: 'network', name: 'default' },
  serialConsole: true,
  vnc: true,
};

function refusal(spec: VmSpec): { step: string; message: string }[] {
  return validateVmSpec(spec, HOST);
}

describe('the New VM validation', () => {
  it('accepts a sound spec', () => {
    expect(refusal(GOOD)).toEqual([]);
  });
  it('refuses a name with a slash at the name step', () => {
    expect(refusal({ ...GOOD, name: 'a/b' })).toEqual([{ step: 'name', message: expect.stringContaining('slash') as string }]);
  });
  it('refuses an empty name, a padded one and a control character', () => {
    expect(refusal({ ...GOOD, name: '  ' })[0]).toMatchObject({ step: 'name', message: 'the name is empty' });
    expect(refusal({ ...GOOD, name: ' a' })[0]).toMatchObject({ step: 'name', message: expect.stringContaining('space') as string });
    expect(refusal({ ...GOOD, name: 'a\nb' })[0]).toMatchObject({ step: 'name', message: expect.stringContaining('control') as string });
  });
  it('refuses an ISO install with no volume chosen', () => {
    expect(refusal({ ...GOOD, install: { kind: 'iso', pool: '', volume: '' } })).toEqual([{ step: 'name', message: 'choose the ISO volume to install from' }]);
  });
  it('refuses memory over the host\'s, and vCPUs over its CPUs, at the resources step', () => {
    expect(refusal({ ...GOOD, memoryMiB: 4097 })).toEqual([{ step: 'resources', message: 'memory of 4097 MiB is more than the host\'s 4096 MiB' }]);
    expect(refusal({ ...GOOD, vcpus: 5 })).toEqual([{ step: 'resources', message: '5 vCPUs are more than the host\'s 4 CPUs' }]);
    expect(refusal({ ...GOOD, memoryMiB: 1.5 })[0]?.step).toBe('resources');
    expect(refusal({ ...GOOD, vcpus: 0 })[0]?.step).toBe('resources');
  });
  it('refuses a disk the pool cannot hold at the storage step', () => {
    expect(refusal({ ...GOOD, disk: { kind: 'new', pool: 'default', volume: 'big', capacityMiB: 101, format: 'raw' } }))
      .toEqual([{ step: 'storage', message: 'pool "default" has 100 MiB free, less than the 101 MiB disk' }]);
  });
  it('refuses a volume name with a slash, and a disk install without a disk', () => {
    expect(refusal({ ...GOOD, disk: { kind: 'new', pool: 'default', volume: '../x', capacityMiB: 1, format: 'qcow2' } })[0]?.step).toBe('storage');
    expect(refusal({ ...GOOD, install: { kind: 'disk' }, disk: { kind: 'none' } })).toEqual([{ step: 'storage', message: expect.stringContaining('existing disk') as string }]);
  });
  it('refuses a network choice with no network', () => {
    expect(refusal({ ...GOOD, network: { kind: 'network', name: '' } })).toEqual([{ step: 'network', message: 'choose a virtual network, or none' }]);
  });
});

describe('where the assistant shows a failed define', () => {
  it('a name libvirt refuses or already has goes to the name step', () => {
    expect(stepForDefineError({ kind: 'libvirt', code: 9, message: "operation failed: domain 'x' already exists with uuid 1" })).toBe('name');
    expect(stepForDefineError({ kind: 'libvirt', code: 28, message: 'domain exists' })).toBe('name');
  });
  it('a missing pool or volume goes to storage', () => {
    expect(stepForDefineError({ kind: 'libvirt', code: 49, message: 'Storage pool not found' })).toBe('storage');
    expect(stepForDefineError({ kind: 'libvirt', code: 1, message: "cannot find volume 'x'" })).toBe('storage');
  });
  it('anything else goes to the review step, beside the XML', () => {
    expect(stepForDefineError({ kind: 'libvirt', code: 27, message: 'XML error: unsupported configuration' })).toBe('review');
  });
});

describe('the VM target', () => {
  it('prefers kvm on the host arch, then qemu, then the driver\'s own type', () => {
    const guest = (arch: string, domainTypes: string[]) => ({ osType: 'hvm', arch, wordsize: null, emulator: null, machines: [], domainTypes });
    expect(chooseVmTarget({ hostArch: 'x86_64', guests: [guest('i686', ['qemu']), guest('x86_64', ['qemu', 'kvm'])] })).toEqual({ domainType: 'kvm', arch: 'x86_64' });
    expect(chooseVmTarget({ hostArch: 'x86_64', guests: [guest('x86_64', ['qemu'])] })).toEqual({ domainType: 'qemu', arch: 'x86_64' });
    expect(chooseVmTarget({ hostArch: 'i686', guests: [guest('i686', ['test'])] })).toEqual({ domainType: 'test', arch: 'i686' });
    expect(chooseVmTarget({ hostArch: 'x86_64', guests: [] })).toBeNull();
  });
});
