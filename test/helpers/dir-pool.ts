import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { virsh } from './virsh';

/** A transient dir pool of the test's own on a daemon that has volume streams (the QEMU driver). */
export interface DirPool {
  readonly name: string;
  /** The pool's target directory: its volumes are files here. */
  readonly dir: string;
  /** Stops the pool (a transient one goes with it) and removes its directory. */
  remove(): Promise<void>;
}

/** libvirtd's test driver has no virStorageVolUpload; a dir pool under the run's root does. */
export async function createDirPool(uri: string, root: string, name: string): Promise<DirPool> {
  const dir = join(root, name);
  await mkdir(dir, { recursive: true });
  await virsh(uri, 'pool-create-as', name, 'dir', '--target', dir);
  return {
    name,
    dir,
    remove: async () => {
      await virsh(uri, 'pool-destroy', name).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
