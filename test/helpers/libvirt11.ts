import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LibvirtBuild } from './libvirtd';
import { run } from './process';

/**
 * libvirt 11.3 from Debian's bookworm-backports, unpacked (never installed) into a cached
 * prefix by scripts/libvirt11.sh, so the interop tests run a newer daemon and virsh beside
 * the system's 9.0. The first run downloads about 10 MB; later runs find the prefix.
 */
export interface LibvirtVersion {
  /** "9.0" or "11.3": how the tests name it. */
  readonly label: string;
  /** Runs the daemon; undefined for the system's own. */
  readonly build?: LibvirtBuild;
  /** virsh of the same version, with what it needs to find its own library. */
  readonly virsh: { readonly program: string; readonly env: Readonly<Record<string, string>> };
}

const SCRIPT = resolve(import.meta.dirname, '../../scripts/libvirt11.sh');
const LIB = 'usr/lib/x86_64-linux-gnu';

export async function ensureLibvirt11(): Promise<LibvirtVersion> {
  const prefix = (await run('bash', [SCRIPT], { timeoutMs: 300_000 })).stdout.trim().split('\n').pop() ?? '';
  const libvirtd = join(prefix, 'usr/sbin/libvirtd');
  if (!existsSync(libvirtd)) throw new Error(`scripts/libvirt11.sh left no libvirtd in ${prefix}`);
  const modules = join(prefix, LIB, 'libvirt');
  const library = { LD_LIBRARY_PATH: join(prefix, LIB) };
  return {
    label: '11.3',
    build: {
      prefix,
      libvirtd,
      env: {
        ...library,
        LIBVIRT_DRIVER_DIR: join(modules, 'connection-driver'),
        LIBVIRT_STORAGE_BACKEND_DIR: join(modules, 'storage-backend'),
        LIBVIRT_LOCK_MANAGER_PLUGIN_DIR: join(modules, 'lock-driver'),
      },
      // Its CPU map and schemas, where 11.3's compiled-in paths look for them.
      binds: [[join(prefix, 'usr/share/libvirt'), '/usr/share/libvirt']],
    },
    virsh: { program: join(prefix, 'usr/bin/virsh'), env: library },
  };
}

export const SYSTEM_LIBVIRT: LibvirtVersion = { label: '9.0', virsh: { program: 'virsh', env: {} } };
