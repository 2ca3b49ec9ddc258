/** What the operations above the driver (manage/) take and give. */
import type { StoragePoolRef, StorageVolRef } from '../driver/model';

import type { VolumeFormat } from '../../../shared/new-vm/spec';

// The window's forms offer the same formats the library makes: one list, in shared/.
export { VOLUME_FORMATS, type VolumeFormat } from '../../../shared/new-vm/spec';

export interface NewVolume {
  readonly name: string;
  readonly capacityBytes: bigint | number;
  readonly format: VolumeFormat;
}

export interface UploadOptions {
  readonly onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** Aborting it aborts the libvirt stream; the upload then rejects with an UploadAbortedError. */
  readonly signal?: AbortSignal;
}

export type DiskDevice = 'disk' | 'cdrom' | 'floppy' | 'lun';

/** One <disk> of a domain, with the pool volume behind it when there is one. */
export interface DiskVolume {
  /** The guest's name for it: vda, sda, hdc... */
  readonly target: string;
  readonly device: DiskDevice;
  /** Its source as a person reads it (path, pool/volume, protocol:name); null for an empty drive. */
  readonly source: string | null;
  /** The source file or block device; null for an empty drive, a network disk, or a volume that cannot be reached. */
  readonly path: string | null;
  readonly pool: StoragePoolRef | null;
  readonly volume: StorageVolRef | null;
  readonly readonly: boolean;
}

export interface CloneOptions {
  readonly newName: string;
  /** Each step as it starts: "copying volume vm.qcow2 to vm-clone.qcow2", "defining vm-clone". */
  readonly onProgress?: (step: string) => void;
}

export interface DeleteDomainOptions {
  /** Source paths of the domain's disks whose volumes are to be deleted with it. */
  readonly removeVolumePaths: readonly string[];
}

export interface VolumeDeletionFailure {
  readonly path: string;
  readonly error: Error;
}

/** The domain is gone either way; its volumes are listed by what became of them. */
export interface DeleteDomainResult {
  readonly deletedVolumes: readonly string[];
  readonly failedVolumes: readonly VolumeDeletionFailure[];
}
