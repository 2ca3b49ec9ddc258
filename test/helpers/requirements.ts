import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The programs the integration tests run for real; scripts/provision.sh installs them. */
const REQUIRED = [
  { program: 'libvirtd', pkg: 'libvirt-daemon' },
  { program: 'virsh', pkg: 'libvirt-clients' },
  { program: 'qemu-system-x86_64', pkg: 'qemu-system-x86' },
  { program: 'sshd', pkg: 'openssh-server' },
  { program: 'ssh-keygen', pkg: 'openssh-client' },
  { program: 'nc', pkg: 'netcat-openbsd' },
  { program: 'openssl', pkg: 'openssl' },
  { program: 'chromium', pkg: 'chromium' },
  { program: 'saslpasswd2', pkg: 'sasl2-bin' },
  { program: 'dbus-daemon', pkg: 'dbus-daemon' },
  { program: 'dbus-send', pkg: 'dbus-bin' },
  { program: 'setpriv', pkg: 'util-linux' },
  { program: 'xorriso', pkg: 'xorriso' },
  { program: 'qemu-img', pkg: 'qemu-utils' },
] as const;

/** Not on PATH, so looked for where Debian puts them. */
const REQUIRED_FILES = [
  { path: '/usr/lib/polkit-1/polkitd', pkg: 'polkitd' },
  { path: '/usr/lib/x86_64-linux-gnu/sasl2/libscram.so', pkg: 'libsasl2-modules' },
] as const;

const SEARCH_PATH = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];

export function findProgram(program: string): string | undefined {
  for (const dir of SEARCH_PATH) {
    const candidate = join(dir, program);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

/**
 * Fails loudly when a real component is missing: a test that cannot meet its real peer
 * must not pass by skipping.
 */
export function assertRequirements(): void {
  const missing = [
    ...REQUIRED.filter((r) => findProgram(r.program) === undefined).map((r) => `${r.program} (Debian package ${r.pkg})`),
    ...REQUIRED_FILES.filter((r) => !existsSync(r.path)).map((r) => `${r.path} (Debian package ${r.pkg})`),
  ];
  if (missing.length > 0) {
    const list = missing.join(', ');
    throw new Error(`integration tests need ${list}; run 'sudo bash scripts/provision.sh' first`);
  }
  if (process.getuid?.() !== 0) {
    throw new Error('integration tests start libvirtd with its QEMU driver and sshd, which needs root; run them as root');
  }
}
