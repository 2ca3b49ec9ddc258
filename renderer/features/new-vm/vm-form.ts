/**
 * The assistant's fields as the person types them (text, so a half-typed number is kept as
 * typed), and the typed VmSpec they stand for. Pure, so the conversion is tested alone.
 */
import type { InvokeArgs } from '../../../shared/ipc';
import type { OsPreset, VmSpec, VolumeFormat } from '../../../shared/new-vm/spec';

export interface VmForm {
  readonly name: string;
  readonly installKind: 'iso' | 'disk' | 'network';
  readonly isoPool: string;
  readonly isoVolume: string;
  readonly preset: OsPreset;
  readonly vcpus: string;
  readonly memoryMiB: string;
  readonly diskKind: 'new' | 'existing' | 'none';
  readonly diskPool: string;
  /** The existing volume, or the new one's name ('' : named after the VM). */
  readonly diskVolume: string;
  /** The existing volume's own format, as its pool's listing gave it. */
  readonly diskVolumeFormat: string | null;
  readonly diskSizeMiB: string;
  readonly diskFormat: VolumeFormat;
  /** '' : no network. */
  readonly network: string;
  readonly serialConsole: boolean;
  readonly vnc: boolean;
  readonly startAfter: boolean;
}

export function defaultForm(firstPool: string, firstNetwork: string): VmForm {
  return {
    name: '',
    installKind: 'iso',
    isoPool: firstPool,
    isoVolume: '',
    preset: 'linux',
    vcpus: '1',
    memoryMiB: '1024',
    diskKind: 'new',
    diskPool: firstPool,
    diskVolume: '',
    diskVolumeFormat: null,
    diskSizeMiB: '10240',
    diskFormat: 'qcow2',
    network: firstNetwork,
    serialConsole: true,
    vnc: true,
    startAfter: false,
  };
}

/** A whole number as typed; anything else is NaN, which the validation refuses in words. */
function wholeNumber(text: string): number {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** The new disk's volume name: typed, or the VM's name with the format as extension. */
export function newVolumeName(form: VmForm): string {
  return form.diskVolume !== '' ? form.diskVolume : `${form.name}.${form.diskFormat}`;
}

export function formToSpec(form: VmForm): VmSpec {
  const install: VmSpec['install'] = form.installKind === 'iso'
    ? { kind: 'iso', pool: form.isoPool, volume: form.isoVolume }
    : { kind: form.installKind };
  let disk: VmSpec['disk'];
  switch (form.diskKind) {
    case 'new': disk = { kind: 'new', pool: form.diskPool, volume: newVolumeName(form), capacityMiB: wholeNumber(form.diskSizeMiB), format: form.diskFormat }; break;
    case 'existing': disk = { kind: 'existing', pool: form.diskPool, volume: form.diskVolume, format: form.diskVolumeFormat }; break;
    case 'none': disk = { kind: 'none' }; break;
  }
  return {
    name: form.name,
    install,
    preset: form.preset,
    vcpus: wholeNumber(form.vcpus),
    memoryMiB: wholeNumber(form.memoryMiB),
    disk,
    network: form.network === '' ? { kind: 'none' } : { kind: 'network', name: form.network },
    serialConsole: form.serialConsole,
    vnc: form.vnc,
  };
}

/** What domains.define is told to create before defining: the new disk, if there is one. */
export function newVolumeOf(spec: VmSpec): InvokeArgs<'domains.define'>[2] {
  return spec.disk.kind === 'new'
    ? { pool: spec.disk.pool, volume: { name: spec.disk.volume, capacityMiB: spec.disk.capacityMiB, format: spec.disk.format } }
    : null;
}
