import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCliBuilt, runCli, type CliResult } from '../../helpers/cli';
import { virsh, virshNodeInfo } from '../../helpers/virsh';

/**
 * virtdeck-cli over every transport, and its questions: on a terminal (a pseudo-terminal
 * made by util-linux's `script`) it asks as ssh does; without one it refuses at once.
 */
const harness = inject('harness');
const CLI = join(import.meta.dirname, '..', '..', '..', 'bin', 'virtdeck-cli.js');
let dir = '';

beforeAll(async () => {
  await ensureCliBuilt();
  dir = await mkdtemp(join(harness.root, 'cli-prompts-'));
});

/** Runs the CLI on a pseudo-terminal, typing `typed` into it. */
function runCliOnTerminal(args: readonly string[], typed: string): Promise<CliResult> {
  const quoted = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(' ');
  return new Promise((resolve) => {
    const child = execFile('script', ['-qec', quoted, '/dev/null'], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr });
    });
    child.stdin?.end(typed);
  });
}

function sshUri(knownHosts: string, extra = ''): string {
  const { sshd, libvirtd } = harness;
  return `test+ssh://${sshd.user}@127.0.0.1:${sshd.port}/default?socket=${libvirtd.unixSocket}&known_hosts=${knownHosts}${extra}`;
}

describe('virtdeck-cli over every transport', () => {
  it.each(['tls', 'ssh'] as const)('info --json over %s agrees with virsh', async (transport) => {
    const uri = harness.uris[transport];
    const result = await runCli(['info', '--json', '-c', uri], { ...process.env, HOME: dir, SSH_AUTH_SOCK: '' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as { hostname: string; node: { model: string; cpus: number } };
    const node = await virshNodeInfo(uri);
    expect(info.node.model).toBe(node.get('CPU model'));
    expect(info.node.cpus).toBe(Number(node.get('CPU(s)')));
    expect(info.hostname).toBe((await virsh(uri, 'hostname')).trim());
  });

  it('refuses at once, saying why, when a question needs a terminal and stdin is not one', async () => {
    const knownHosts = join(dir, 'kh-none');
    await writeFile(knownHosts, '');
    const started = Date.now();
    const result = await runCli(['info', '-c', sshUri(knownHosts, `&keyfile=${harness.sshd.userKey}`)], { ...process.env, SSH_AUTH_SOCK: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(harness.sshd.hostKeyFingerprint);
    expect(result.stderr).toMatch(/stdin is not a terminal/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const ext = await runCli(['info', '-c', 'test+ext:///default?command=/bin/cat']);
    expect(ext.code).toBe(1);
    expect(ext.stderr).toMatch(/asks to run \/bin\/cat.*stdin is not a terminal/);
  });

  it('asks on a terminal whether to trust an unknown host key, and files it on yes', async () => {
    const knownHosts = join(dir, 'kh-yes');
    await writeFile(knownHosts, '');
    const result = await runCliOnTerminal(['info', '-c', sshUri(knownHosts, `&keyfile=${harness.sshd.userKey}`)], 'yes\n');
    expect(result.stdout).toContain(`ssh-ed25519 key fingerprint is ${harness.sshd.hostKeyFingerprint}.`);
    expect(result.stdout).toMatch(/Are you sure you want to continue connecting \(yes\/no\)\?/);
    expect(result.stdout).toMatch(/CPU model:\s+i686/);
    expect(result.code).toBe(0);
    expect(await readFile(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${harness.sshd.port} ssh-ed25519`);
  });

  it('refuses the host key when the answer is no', async () => {
    const knownHosts = join(dir, 'kh-no');
    await writeFile(knownHosts, '');
    const result = await runCliOnTerminal(['info', '-c', sshUri(knownHosts, `&keyfile=${harness.sshd.userKey}`)], 'no\n');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/was not trusted/);
    expect(await readFile(knownHosts, 'utf8')).toBe('');
  });

  it('asks for a password on the terminal', async () => {
    const result = await runCliOnTerminal(['info', '-c', sshUri(harness.sshd.knownHosts, '&sshauth=password')], `${harness.sshd.password}\n`);
    expect(result.stdout).toContain(`${harness.sshd.user}@127.0.0.1's password:`);
    expect(result.stdout).toMatch(/CPU model:\s+i686/);
    expect(result.code).toBe(0);
  });

  it('asks for a key passphrase on the terminal', async () => {
    const result = await runCliOnTerminal(
      ['info', '-c', sshUri(harness.sshd.knownHosts, `&sshauth=privkey&keyfile=${harness.sshd.userKeyEncrypted}`)],
      `${harness.sshd.userKeyPassphrase}\n`,
    );
    expect(result.stdout).toContain(`Enter passphrase for key '${harness.sshd.userKeyEncrypted}':`);
    expect(result.stdout).toMatch(/CPU model:\s+i686/);
    expect(result.code).toBe(0);
  });
});
