import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { commandLine, isAlive, stopProcess, waitFor } from './process';
import type { TestPki } from './pki';

/**
 * A private libvirtd for one test run. A root libvirtd keeps its drivers' locks and state
 * in /run/libvirt, /var/lib/libvirt and /etc/libvirt/qemu, so a second one on the machine
 * fails to start and defined domains would outlive the run. This one runs in a mount
 * namespace of its own with empty tmpfs over those directories and our qemu.conf bound
 * over the system's: it neither meets the machine's libvirtd nor changes its files. A
 * daemon that an earlier run left is still found by the marker in its command line and
 * stopped, so nothing of ours keeps running.
 */
export const HARNESS_MARKER = 'virtdeck-harness';

export interface PrivateLibvirtd {
  readonly pid: number;
  readonly dir: string;
  readonly unixSocket: string;
  readonly unixSocketRo: string;
  readonly tcpPort: number;
  readonly tlsPort: number;
  readonly logFile: string;
}

function libvirtdPids(): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'libvirtd') pids.push(Number(entry));
    } catch {
      // The process ended while we looked: nothing to stop.
    }
  }
  return pids;
}

function parentPid(pid: number): number | undefined {
  try {
    // The command name may hold spaces and parentheses: the fields after its last ')' are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/**
 * Stops every harness libvirtd whose run is gone (its Node parent, a test run or a
 * benchmark, died without teardown, so the daemon was orphaned). A daemon whose run is
 * alive belongs to another run on the same machine and is left alone: namespaces keep
 * them apart.
 */
export async function stopStaleLibvirtd(): Promise<void> {
  for (const pid of libvirtdPids()) {
    if (!(commandLine(pid) ?? '').includes(HARNESS_MARKER)) continue;
    const parent = parentPid(pid);
    const parentCmd = parent === undefined ? '' : (commandLine(parent) ?? '');
    // Orphans are adopted by init (or the sandbox's first process): no Node parent is left.
    if (parent === undefined || parent <= 1 || !/\bnode\b|vitest|tsx/.test(parentCmd)) await stopProcess(pid);
  }
}

/** The settings a root QEMU driver needs here, bound over /etc/libvirt/qemu.conf. */
const QEMU_CONF = [
  // No AppArmor or SELinux policy applies in a container, and virtlogd is not running.
  'user = "root"',
  'group = "root"',
  'stdio_handler = "file"',
  'security_driver = "none"',
  '',
].join('\n');

/**
 * Runs in the new mount namespace: private state directories, our qemu.conf, then any
 * further SOURCE TARGET pairs up to "--" bound over the system's files (a SASL config, a
 * newer libvirt's data files), then the daemon itself.
 */
const NAMESPACE_SCRIPT = [
  'set -e',
  'for d in /run/libvirt /var/lib/libvirt /etc/libvirt/qemu; do mkdir -p "$d"; mount -t tmpfs -o mode=0755 virtdeck-harness "$d"; done',
  'mount --bind "$1" /etc/libvirt/qemu.conf',
  'shift',
  'while [ "$1" != "--" ]; do mount --bind "$1" "$2"; shift 2; done',
  'shift',
  'exec "$@"',
].join('\n');

/** How each listener authenticates clients (libvirtd.conf's auth_unix_rw, auth_tcp, auth_tls). */
export interface DaemonAuth {
  readonly unixRw?: 'none' | 'sasl' | 'polkit';
  readonly tcp?: 'none' | 'sasl';
  readonly tls?: 'none' | 'sasl';
}

/** How a daemon process ended: its exit code, or the signal that ended it. */
export interface DaemonExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/** "killed by SIGSEGV", "exited with code 1". */
export function describeExit(exit: DaemonExit): string {
  return exit.signal === null ? `exited with code ${String(exit.code)}` : `killed by ${exit.signal}`;
}

/** A libvirt other than the system's, unpacked into a prefix (see libvirt11.ts). */
export interface LibvirtBuild {
  readonly prefix: string;
  readonly libvirtd: string;
  readonly env: Readonly<Record<string, string>>;
  /** Bound over the system's paths inside the namespace: the build's own data files. */
  readonly binds: readonly (readonly [source: string, target: string])[];
}

/** Where a daemon started in `dir` listens (read-write): known before it starts. */
export function unixSocketIn(dir: string): string {
  return join(dir, 'sock', 'libvirt-sock');
}

export async function startLibvirtd(options: {
  dir: string;
  tcpPort: number;
  tlsPort: number;
  pki: TestPki;
  /** Leave the daemon without a parent, as a killed run would: for the harness's own test. */
  orphaned?: boolean;
  /** Default: none everywhere. */
  auth?: DaemonAuth;
  /** A cyrus-sasl config for the daemon, bound over /etc/sasl2/libvirt.conf. */
  saslConfig?: string;
  /** Run this libvirt instead of the system's. */
  build?: LibvirtBuild;
  /** More environment for the daemon (e.g. DBUS_SYSTEM_BUS_ADDRESS for polkit). */
  env?: Readonly<Record<string, string>>;
  /**
   * Start inside the mount namespace of this process (a QEMU a killed daemon left running)
   * instead of a new one: the restarted daemon finds the state its predecessor left in
   * /run/libvirt and takes its domains back, as after a systemd restart.
   */
  namespaceOf?: number;
  /** Told when the daemon ends, however it ends (not for an orphan, whose parent is gone). */
  onExit?: (exit: DaemonExit) => void;
}): Promise<PrivateLibvirtd> {
  const { dir, tcpPort, tlsPort, pki } = options;
  if (!options.orphaned) await stopStaleLibvirtd();
  const unixSocket = unixSocketIn(dir);
  const sockDir = dirname(unixSocket);
  await mkdir(sockDir, { recursive: true });
  const logFile = join(dir, 'libvirtd.log');
  const config = join(dir, `${HARNESS_MARKER}-libvirtd.conf`);
  await writeFile(config, [
    `unix_sock_dir = "${sockDir}"`,
    // The sshd tests reach this socket as an unprivileged user through nc.
    'unix_sock_rw_perms = "0777"',
    'unix_sock_ro_perms = "0777"',
    `auth_unix_rw = "${options.auth?.unixRw ?? 'none'}"`,
    'auth_unix_ro = "none"',
    'listen_tcp = 1',
    `tcp_port = "${tcpPort}"`,
    `auth_tcp = "${options.auth?.tcp ?? 'none'}"`,
    'listen_tls = 1',
    `tls_port = "${tlsPort}"`,
    `auth_tls = "${options.auth?.tls ?? 'none'}"`,
    `key_file = "${pki.serverKey}"`,
    `cert_file = "${pki.serverCert}"`,
    `ca_file = "${pki.caCert}"`,
    'listen_addr = "127.0.0.1"',
    `log_outputs = "3:file:${logFile}"`,
    '',
  ].join('\n'));
  const pidFile = join(dir, 'libvirtd.pid');
  const qemuConf = join(dir, 'qemu.conf');
  await writeFile(qemuConf, QEMU_CONF);
  const binds = [
    ...(options.saslConfig === undefined ? [] : [[options.saslConfig, '/etc/sasl2/libvirt.conf'] as const]),
    ...(options.build?.binds ?? []),
  ].flat();
  const daemonArgs = [options.build?.libvirtd ?? 'libvirtd', '--listen', '--config', config, '--pid-file', pidFile];
  const command = options.namespaceOf === undefined
    ? ['unshare', '--mount', '--propagation', 'private', 'sh', '-c', NAMESPACE_SCRIPT, 'virtdeck-harness-ns', qemuConf, ...binds, '--', ...daemonArgs]
    : ['nsenter', `--mount=/proc/${String(options.namespaceOf)}/ns/mnt`, '--', ...daemonArgs];
  const env = { ...process.env, ...options.build?.env, ...options.env };
  // A killed predecessor's socket would pass the wait below before this daemon listens.
  await rm(unixSocket, { force: true });
  // An orphan is started by a shell that exits at once, so init adopts the daemon.
  const child = options.orphaned
    ? spawn('sh', ['-c', '"$@" >/dev/null 2>&1 & echo $!', 'sh', ...command], { stdio: ['ignore', 'pipe', 'pipe'], env })
    : spawn(command[0] ?? 'unshare', command.slice(1), { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => { stderr += chunk; });
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => { stdout += chunk; });
  await waitFor(
    'libvirtd to listen',
    () => {
      if (child.exitCode !== null && !options.orphaned) {
        throw new Error(`libvirtd exited with ${child.exitCode}: ${stderr}${logTail(logFile)}`);
      }
      return existsSync(unixSocket);
    },
    30_000,
    () => stderr + logTail(logFile),
  );
  if (!options.orphaned && options.onExit) {
    const onExit = options.onExit;
    child.once('exit', (code, signal) => { onExit({ code, signal }); });
  }
  child.unref();
  const pid = options.orphaned ? Number(stdout.trim()) : child.pid;
  if (pid === undefined || !Number.isInteger(pid)) throw new Error(`could not learn libvirtd's pid: ${stdout}${stderr}`);
  return {
    pid,
    dir,
    unixSocket,
    unixSocketRo: join(sockDir, 'libvirt-sock-ro'),
    tcpPort,
    tlsPort,
    logFile,
  };
}

export function logTail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

export async function stopLibvirtd(daemon: PrivateLibvirtd): Promise<void> {
  await stopProcess(daemon.pid, 10_000);
  if (isAlive(daemon.pid)) throw new Error(`libvirtd ${daemon.pid} would not stop`);
}
