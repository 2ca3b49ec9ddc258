import { describe, expect, it } from 'vitest';
import { defaultForm, formToSpec, newVolumeOf } from '../../../renderer/features/new-vm/vm-form';

describe('the New VM form as a spec', () => {
  it('names a new disk after the VM when its name is left empty, and asks main to create it', () => {
    const spec = formToSpec({ ...defaultForm('pool1', 'default'), name: 'web', diskSizeMiB: '16', diskFormat: 'raw' });
    expect(spec.disk).toEqual({ kind: 'new', pool: 'pool1', volume: 'web.raw', capacityMiB: 16, format: 'raw' });
    expect(newVolumeOf(spec)).toEqual({ pool: 'pool1', volume: { name: 'web.raw', capacityMiB: 16, format: 'raw' } });
  });
  it('keeps a half-typed number as not-a-number, for the validation to refuse in words', () => {
    const spec = formToSpec({ ...defaultForm('p', ''), memoryMiB: '12a', vcpus: '' });
    expect(spec.memoryMiB).toBeNaN();
    expect(spec.vcpus).toBeNaN();
    expect(spec.network).toEqual({ kind: 'none' });
  });
  it('has no volume to create for an existing disk', () => {
    const spec = formToSpec({ ...defaultForm('p', 'n'), installKind: 'disk', diskKind: 'existing', diskVolume: 'old.img', diskVolumeFormat: 'qcow2' });
    expect(spec.install).toEqual({ kind: 'disk' });
    // The chosen volume's own format travels with it, for the disk to declare.
    expect(spec.disk).toEqual({ kind: 'existing', pool: 'p', volume: 'old.img', format: 'qcow2' });
    expect(newVolumeOf(spec)).toBeNull();
  });
});
