/**
 * What the New VM assistant collects, as a typed model: the one input of the XML builder
 * and of the validation, so the window shows, and main defines, the same domain.
 */
export const OS_PRESETS = ['linux', 'windows', 'other'] as const;
export type OsPreset = (typeof OS_PRESETS)[number];

export const VOLUME_FORMATS = ['qcow2', 'raw'] as const;
export type VolumeFormat = (typeof VOLUME_FORMATS)[number];

/** A storage volume named by its pool, as libvirt's <disk type='volume'> takes it. */
export interface VolumeName {
  readonly pool: string;
  readonly volume: string;
}

export type InstallSource =
  | ({ readonly kind: 'iso' } & VolumeName)
  /** Boot the existing disk chosen at the storage step. */
  | { readonly kind: 'disk' }
  | { readonly kind: 'network' };

export type DiskChoice =
  | ({ readonly kind: 'new'; readonly capacityMiB: number; readonly format: VolumeFormat } & VolumeName)
  /** `format` is the volume's own (null: it names none); the disk must declare it, or QEMU reads a qcow2 as raw. */
  | ({ readonly kind: 'existing'; readonly format: string | null } & VolumeName)
  | { readonly kind: 'none' };

export type NetworkChoice =
  | { readonly kind: 'network'; readonly name: string }
  | { readonly kind: 'none' };

export interface VmSpec {
  readonly name: string;
  readonly install: InstallSource;
  readonly preset: OsPreset;
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly disk: DiskChoice;
  readonly network: NetworkChoice;
  readonly serialConsole: boolean;
  readonly vnc: boolean;
}

/** Where the domain runs: a domain type and architecture the host's capabilities offer. */
export interface VmTarget {
  /** kvm, qemu, test... */
  readonly domainType: string;
  readonly arch: string;
}

/** What the host allows, from its node info and pools. */
export interface HostLimits {
  readonly memoryKiB: number;
  readonly cpus: number;
  /** Free bytes per pool name, for refusing a new disk a pool cannot hold. */
  readonly poolAvailableBytes: ReadonlyMap<string, number>;
}
