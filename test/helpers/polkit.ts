import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { exited, waitFor } from './process';

/**
 * polkit as a libvirtd with auth_unix_rw = "polkit" meets it on a Debian host, without
 * systemd: a private system bus (dbus-daemon with a copy of Debian's system.conf listening on
 * a socket of ours), and polkitd on it in a mount namespace whose /etc/polkit-1/rules.d is
 * ours, with one rule: members of POLKIT_TEST_GROUP may manage libvirt. Nothing of the
 * machine's bus or rules is touched.
 */
export const POLKIT_TEST_GROUP = 'virtdeck-polkit';
/** In the group, and not: scripts/provision.sh makes both accounts. */
export const POLKIT_MEMBER = 'virtdeck-pk-member';
export const POLKIT_OUTSIDER = 'virtdeck-pk-other';

export interface TestPolkit {
  /** For libvirtd: DBUS_SYSTEM_BUS_ADDRESS. */
  readonly busAddress: string;
  readonly stop: () => Promise<void>;
}

const RULE = `// Written by the Virtdeck test harness.
polkit.addRule(function (action, subject) {
  if (action.id == "org.libvirt.unix.manage" && subject.isInGroup("${POLKIT_TEST_GROUP}")) return polkit.Result.YES;
});
`;

function busConfig(socket: string): string {
  // Debian's system bus policy (so polkitd may own its name), on our socket, in the foreground,
  // without dropping to messagebus or writing the system's pid file.
  return readFileSync('/usr/share/dbus-1/system.conf', 'utf8')
    .replace(/<listen>[^<]*<\/listen>/, `<listen>unix:path=${socket}</listen>`)
    .replace(/<user>[^<]*<\/user>|<fork\/>|<pidfile>[^<]*<\/pidfile>|<syslog\/>/g, '')
    .replace('<includedir>system.d</includedir>', '<includedir>/usr/share/dbus-1/system.d</includedir>');
}

function collect(child: ChildProcess): () => string {
  let output = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => { output += chunk; });
  return () => output;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => { child.kill('SIGKILL'); }, 5_000);
  await exited(child);
  clearTimeout(killer);
}

export async function startPolkit(dir: string): Promise<TestPolkit> {
  await mkdir(join(dir, 'rules.d'), { recursive: true });
  // polkitd reads the rules as user polkitd.
  await chmod(dir, 0o755);
  await chmod(join(dir, 'rules.d'), 0o755);
  await writeFile(join(dir, 'rules.d', '50-virtdeck-test.rules'), RULE, { mode: 0o644 });
  const socket = join(dir, 'system_bus_socket');
  const config = join(dir, 'system-bus.conf');
  await writeFile(config, busConfig(socket));
  const bus = spawn('dbus-daemon', ['--config-file', config, '--nofork'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const busOutput = collect(bus);
  const busAddress = `unix:path=${socket}`;
  let polkitd: ChildProcess | undefined;
  const stop = async (): Promise<void> => {
    if (polkitd) await stopChild(polkitd);
    await stopChild(bus);
  };
  try {
    await waitFor('the private system bus', () => {
      if (bus.exitCode !== null) throw new Error(`dbus-daemon exited with ${bus.exitCode}: ${busOutput()}`);
      return existsSync(socket);
    }, 10_000, busOutput);
    // polkitd starts as root and drops to user polkitd itself.
    polkitd = spawn('unshare', ['--mount', '--propagation', 'private', 'sh', '-c',
      'mount --bind "$1" /etc/polkit-1/rules.d && exec /usr/lib/polkit-1/polkitd --no-debug', 'virtdeck-polkit-ns', join(dir, 'rules.d')],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: busAddress } });
    const started = polkitd;
    const polkitOutput = collect(started);
    // Ready once it owns its name on the bus.
    await waitFor('polkitd on the private bus', async () => {
      if (started.exitCode !== null) throw new Error(`polkitd exited with ${started.exitCode}: ${polkitOutput()}`);
      return ownsPolkitName(busAddress);
    }, 15_000, polkitOutput);
  } catch (error) {
    await stop();
    throw error;
  }
  return { busAddress, stop };
}

function ownsPolkitName(busAddress: string): Promise<boolean> {
  return new Promise((resolve) => {
    const child = spawn('dbus-send', ['--system', '--print-reply', '--dest=org.freedesktop.DBus', '/org/freedesktop/DBus',
      'org.freedesktop.DBus.NameHasOwner', 'string:org.freedesktop.PolicyKit1'],
    { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, DBUS_SYSTEM_BUS_ADDRESS: busAddress } });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { out += chunk; });
    child.once('error', () => { resolve(false); });
    child.once('exit', () => { resolve(out.includes('boolean true')); });
  });
}
