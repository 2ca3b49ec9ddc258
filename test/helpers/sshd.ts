import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { freePort } from './ports';
import { run, stopProcess, waitFor } from './process';
import { connect } from 'node:net';

/** The local account the provisioning script makes for SSH tests. */
export const SSH_TEST_USER = 'virtdeck-test';

export interface TestSshd {
  readonly pid: number;
  readonly port: number;
  /** A local account made for the tests; its shell can run nc and virt-ssh-helper. */
  readonly user: string;
  readonly password: string;
  /** Unencrypted ed25519 key in authorized_keys. */
  readonly userKey: string;
  /** The same kind of key protected by `userKeyPassphrase`, also authorized. */
  readonly userKeyEncrypted: string;
  readonly userKeyPassphrase: string;
  /** A known_hosts file that holds the server's host key for [127.0.0.1]:port. */
  readonly knownHosts: string;
  /** The host key's SHA256 fingerprint as OpenSSH prints it ("SHA256:..."). */
  readonly hostKeyFingerprint: string;
  readonly logFile: string;
}

async function keygen(file: string, passphrase: string, comment: string): Promise<void> {
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-C', comment, '-f', file]);
}

function portAccepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => { resolve(false); });
  });
}

export interface SshdOptions {
  /** Keep the test user's password as it is (a second sshd beside the harness's must not
   *  change the password the first one's tests use). */
  readonly password?: string;
  /** More public keys (the text of .pub files) to authorize beside the ones made here. */
  readonly extraAuthorizedKeys?: readonly string[];
}

/**
 * sshd on 127.0.0.1 with a host key, user keys and a password made for this run. The run's
 * directory must be traversable by the test user: sshd reads authorized_keys as that user.
 */
export async function startSshd(dir: string, options: SshdOptions = {}): Promise<TestSshd> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await chmod(dir, 0o755);
  // Privilege separation needs this directory; on a machine without systemd nobody made it.
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  const hostKey = join(dir, 'ssh_host_ed25519_key');
  const userKey = join(dir, 'id_ed25519');
  const userKeyEncrypted = join(dir, 'id_ed25519_encrypted');
  const userKeyPassphrase = `pass-${randomBytes(6).toString('hex')}`;
  await Promise.all([
    keygen(hostKey, '', 'virtdeck test host'),
    keygen(userKey, '', 'virtdeck test user'),
    keygen(userKeyEncrypted, userKeyPassphrase, 'virtdeck test user (encrypted)'),
  ]);
  const authorizedKeys = join(dir, 'authorized_keys');
  const publicKeys = await Promise.all([readFile(`${userKey}.pub`, 'utf8'), readFile(`${userKeyEncrypted}.pub`, 'utf8')]);
  await writeFile(authorizedKeys, [...publicKeys, ...(options.extraAuthorizedKeys ?? [])].join(''), { mode: 0o644 });

  const password = options.password ?? `pw-${randomBytes(9).toString('base64url')}`;
  if (options.password === undefined) await run('chpasswd', [], { input: `${SSH_TEST_USER}:${password}\n` });

  const port = await freePort();
  const pidFile = join(dir, 'sshd.pid');
  const logFile = join(dir, 'sshd.log');
  const config = join(dir, 'sshd_config');
  await writeFile(config, [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `PidFile ${pidFile}`,
    `AuthorizedKeysFile ${authorizedKeys}`,
    'StrictModes no',
    'PubkeyAuthentication yes',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication yes',
    'UsePAM yes',
    'PermitRootLogin no',
    `AllowUsers ${SSH_TEST_USER}`,
    'AllowTcpForwarding yes',
    'AllowStreamLocalForwarding yes',
    'X11Forwarding no',
    'PrintMotd no',
    'LogLevel VERBOSE',
    '',
  ].join('\n'));
  await run('/usr/sbin/sshd', ['-t', '-f', config]);
  const child = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', config, '-E', logFile], { stdio: 'ignore' });
  const pid = child.pid;
  if (pid === undefined) throw new Error('sshd could not be spawned (is openssh-server installed?)');
  await waitFor(`sshd to listen on 127.0.0.1:${port}`, async () => {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${await readFile(logFile, 'utf8').catch(() => '')}`);
    return portAccepts(port);
  }, 10_000);
  child.unref();

  const pub = (await readFile(`${hostKey}.pub`, 'utf8')).trim().split(' ');
  const knownHosts = join(dir, 'known_hosts');
  await writeFile(knownHosts, `[127.0.0.1]:${port} ${pub[0] ?? ''} ${pub[1] ?? ''}\n`);
  const fingerprint = (await run('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${hostKey}.pub`])).stdout.split(' ')[1] ?? '';

  return {
    pid,
    port,
    user: SSH_TEST_USER,
    password,
    userKey,
    userKeyEncrypted,
    userKeyPassphrase,
    knownHosts,
    hostKeyFingerprint: fingerprint,
    logFile,
  };
}

export async function stopSshd(sshd: TestSshd): Promise<void> {
  await stopProcess(sshd.pid);
}
