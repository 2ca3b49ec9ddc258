/** The assistant's steps, one form section each; the dialog decides which one shows. */
import { OS_PRESETS, VOLUME_FORMATS, type OsPreset, type VolumeFormat } from '../../../shared/new-vm/spec';
import { PRESET_LABELS } from '../../../shared/new-vm/presets';
import type { NewVmHost } from './load-new-vm-host';
import type { VmForm } from './vm-form';
import { VolumeSelect } from './VolumeSelect';

export interface StepProps {
  readonly connectionId: string;
  readonly host: NewVmHost;
  readonly form: VmForm;
  readonly change: (patch: Partial<VmForm>) => void;
}

function isPreset(v: string): v is OsPreset {
  return (OS_PRESETS as readonly string[]).includes(v);
}
function isFormat(v: string): v is VolumeFormat {
  return (VOLUME_FORMATS as readonly string[]).includes(v);
}
function isOneOf<T extends string>(values: readonly T[], v: string): v is T {
  return (values as readonly string[]).includes(v);
}

const INSTALL_KINDS = ['iso', 'disk', 'network'] as const;
const DISK_KINDS = ['new', 'existing', 'none'] as const;

export function NameStep({ connectionId, host, form, change }: StepProps): React.JSX.Element {
  return (
    <>
      <label className="block">
        Name
        <input data-testid="newvm-name" value={form.name} autoComplete="off" onChange={(e) => { change({ name: e.target.value }); }} />
      </label>
      <label className="block">
        Install from
        <select data-testid="newvm-install" value={form.installKind} onChange={(e) => { const v = e.target.value; if (isOneOf(INSTALL_KINDS, v)) change({ installKind: v, ...(v === 'disk' ? { diskKind: 'existing' } : {}) }); }}>
          <option value="iso">an ISO image (CD-ROM)</option>
          <option value="disk">an existing disk volume</option>
          <option value="network">the network (PXE)</option>
        </select>
      </label>
      {form.installKind === 'iso' && (
        <VolumeSelect connectionId={connectionId} pools={host.pools} pool={form.isoPool} volume={form.isoVolume} testId="newvm-iso" label="ISO"
          onChange={(pool, volume) => { change({ isoPool: pool, isoVolume: volume }); }} />
      )}
    </>
  );
}

export function OsStep({ form, change }: StepProps): React.JSX.Element {
  return (
    <label className="block">
      Operating system
      <select data-testid="newvm-preset" value={form.preset} onChange={(e) => { const v = e.target.value; if (isPreset(v)) change({ preset: v }); }}>
        {OS_PRESETS.map((p) => <option key={p} value={p}>{PRESET_LABELS[p]}</option>)}
      </select>
    </label>
  );
}

export function ResourcesStep({ host, form, change }: StepProps): React.JSX.Element {
  const hostMiB = Math.floor(host.limits.memoryKiB / 1024);
  return (
    <>
      <label className="block">
        vCPUs (the host has {host.limits.cpus})
        <input data-testid="newvm-vcpus" type="number" min={1} max={host.limits.cpus} value={form.vcpus} onChange={(e) => { change({ vcpus: e.target.value }); }} />
      </label>
      <label className="block">
        Memory in MiB (the host has {hostMiB})
        <input data-testid="newvm-memory" type="number" min={16} max={hostMiB} value={form.memoryMiB} onChange={(e) => { change({ memoryMiB: e.target.value }); }} />
      </label>
    </>
  );
}

export function StorageStep({ connectionId, host, form, change }: StepProps): React.JSX.Element {
  return (
    <>
      <label className="block">
        Disk
        <select data-testid="newvm-disk" value={form.diskKind} onChange={(e) => { const v = e.target.value; if (isOneOf(DISK_KINDS, v)) change({ diskKind: v, diskVolume: '', diskVolumeFormat: null }); }}>
          <option value="new">a new volume</option>
          <option value="existing">an existing volume</option>
          <option value="none">no disk</option>
        </select>
      </label>
      {form.diskKind === 'existing' && (
        <VolumeSelect connectionId={connectionId} pools={host.pools} pool={form.diskPool} volume={form.diskVolume} testId="newvm-existing" label="Disk"
          onChange={(pool, volume, format) => { change({ diskPool: pool, diskVolume: volume, diskVolumeFormat: format }); }} />
      )}
      {form.diskKind === 'new' && (
        <>
          <label className="block">
            Pool
            <select data-testid="newvm-disk-pool" value={form.diskPool} onChange={(e) => { change({ diskPool: e.target.value }); }}>
              {host.pools.map((p) => <option key={p.uuid} value={p.name}>{p.name}</option>)}
            </select>
          </label>
          <label className="block">
            Volume name (empty: {form.name === '' ? 'the VM\'s name' : `${form.name}.${form.diskFormat}`})
            <input data-testid="newvm-disk-name" value={form.diskVolume} autoComplete="off" onChange={(e) => { change({ diskVolume: e.target.value }); }} />
          </label>
          <label className="block">
            Size in MiB
            <input data-testid="newvm-disk-size" type="number" min={1} value={form.diskSizeMiB} onChange={(e) => { change({ diskSizeMiB: e.target.value }); }} />
          </label>
          <label className="block">
            Format
            <select data-testid="newvm-disk-format" value={form.diskFormat} onChange={(e) => { const v = e.target.value; if (isFormat(v)) change({ diskFormat: v }); }}>
              {VOLUME_FORMATS.map((f) => <option key={f} value={f}>{f}</option>)}
            </select>
          </label>
        </>
      )}
    </>
  );
}

export function NetworkStep({ host, form, change }: StepProps): React.JSX.Element {
  return (
    <>
      <label className="block">
        Network
        <select data-testid="newvm-network" value={form.network} onChange={(e) => { change({ network: e.target.value }); }}>
          {host.networks.map((n) => <option key={n.uuid} value={n.name}>{n.name}{n.active ? '' : ' (inactive)'}</option>)}
          <option value="">none</option>
        </select>
      </label>
      <div className="checks">
        <label><input type="checkbox" data-testid="newvm-serial" checked={form.serialConsole} onChange={(e) => { change({ serialConsole: e.target.checked }); }} /> Serial console</label>
        <label><input type="checkbox" data-testid="newvm-vnc" checked={form.vnc} onChange={(e) => { change({ vnc: e.target.checked }); }} /> Graphical console (VNC on 127.0.0.1)</label>
      </div>
    </>
  );
}
