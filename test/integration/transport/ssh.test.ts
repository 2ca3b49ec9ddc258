import { chmod, copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri, type OpenUriOptions } from '../../../electron/libvirt/connect';
import { HostKeyError, type HostKeyPrompt, type Prompts } from '../../../electron/libvirt';
import { run, waitFor } from '../../helpers/process';
import { startSshAgent } from '../../helpers/ssh-agent';
import { startSshd, stopSshd, type TestSshd } from '../../helpers/sshd';
import { startSilentServer } from '../../helpers/tcp-relay';
import { expectSameHostInfoAsVirsh } from './same-as-virsh';

const harness = inject('harness');
const { sshd, libvirtd } = harness;
let dir = '';
/** Where ~/.ssh would be: empty, so nothing of the machine's own user leaks in. */
let home = '';

beforeAll(async () => {
  dir = await mkdtemp(join(harness.root, 'ssh-test-'));
  // The second sshd reads its authorized_keys below here as the test user.
  await chmod(dir, 0o755);
  home = join(dir, 'home');
  await mkdir(join(home, '.ssh'), { recursive: true });
});

function uri(params: Record<string, string>, user: string = sshd.user, transport = 'ssh'): string {
  const query = new URLSearchParams({ socket: libvirtd.unixSocket, ...params }).toString().replace(/%2F/g, '/');
  return `test+${transport}://${user}@127.0.0.1:${sshd.port}/default?${query}`;
}

function options(prompts?: Prompts): OpenUriOptions {
  return { ssh: { home, agentSocket: '' }, ...(prompts === undefined ? {} : { prompts }) };
}

async function freshKnownHosts(content?: string): Promise<string> {
  const file = join(dir, `known_hosts-${randomBytes(4).toString('hex')}`);
  if (content === undefined) await copyFile(sshd.knownHosts, file);
  else await writeFile(file, content);
  return file;
}

async function expectOpens(text: string, opts: OpenUriOptions, virshUri?: string): Promise<void> {
  const conn = await openUri(text, opts);
  try {
    expect(conn.transport).toMatchObject({ kind: 'ssh', host: '127.0.0.1', port: sshd.port, user: sshd.user, fingerprint: sshd.hostKeyFingerprint });
    if (virshUri === undefined) expect((await conn.hostInfo()).uri).toBe('test:///default');
    else await expectSameHostInfoAsVirsh(conn, virshUri);
  } finally {
    await conn.close();
  }
}

/** Our process's established TCP connections to the harness sshd. */
async function sessionsToSshd(): Promise<number> {
  const { stdout } = await run('ss', ['-Htnp', 'state', 'established', 'dst', `127.0.0.1:${sshd.port}`]);
  return stdout.split('\n').filter((l) => l.includes(`pid=${process.pid},`)).length;
}

describe('ssh transports: authentication', () => {
  it('opens the harness URI (libssh, key file) with the same host info as virsh', async () => {
    await expectOpens(harness.uris.ssh, options(), harness.uris.ssh);
  });

  it.each(['ssh', 'libssh2'])('serves the %s transport name with the same code', async (transport) => {
    await expectOpens(uri({ keyfile: sshd.userKey, known_hosts: sshd.knownHosts, sshauth: 'privkey' }, sshd.user, transport), options());
  });

  it('authenticates through a real ssh-agent', async () => {
    const agent = await startSshAgent(dir, [sshd.userKey]);
    try {
      await expectOpens(uri({ known_hosts: sshd.knownHosts, sshauth: 'agent' }), { ssh: { home, agentSocket: agent.socket } });
    } finally {
      await agent.stop();
    }
  });

  it('asks for the password and logs in with it', async () => {
    const asked: unknown[] = [];
    await expectOpens(uri({ known_hosts: sshd.knownHosts, sshauth: 'password' }), options({
      password: (request) => { asked.push(request); return Promise.resolve(sshd.password); },
    }));
    expect(asked).toEqual([{ kind: 'password', user: sshd.user, host: '127.0.0.1', port: sshd.port, attempt: 1 }]);
  });

  it('asks again after a wrong password, and fails naming the methods after three', async () => {
    let attempts = 0;
    // PAM delays every refused password by seconds: three of them need more than the
    // default 10 s connect deadline.
    const opening = openUri(uri({ known_hosts: sshd.knownHosts, sshauth: 'password' }), {
      ...options({ password: () => { attempts++; return Promise.resolve('wrong'); } }),
      connectTimeoutMs: 40_000,
    });
    await expect(opening).rejects.toThrow(/authentication as virtdeck-test failed \(tried password, password, password\)/);
    await expect(opening).rejects.toMatchObject({ kind: 'auth', failure: { kind: 'ssh-rejected', user: 'virtdeck-test', tried: ['password', 'password', 'password'] } });
    expect(attempts).toBe(3);
  });

  it('answers keyboard-interactive questions through the prompt', async () => {
    const questions: string[] = [];
    await expectOpens(uri({ known_hosts: sshd.knownHosts, sshauth: 'keyboard-interactive' }), options({
      keyboardInteractive: (request) => {
        questions.push(...request.prompts.map((p) => p.prompt));
        return Promise.resolve(request.prompts.map(() => sshd.password));
      },
    }));
    expect(questions.join(' ')).toMatch(/password/i);
  });

  it('asks for the passphrase of an encrypted key, again when it is wrong', async () => {
    const answers = ['not it', sshd.userKeyPassphrase];
    const asked: unknown[] = [];
    await expectOpens(uri({ keyfile: sshd.userKeyEncrypted, known_hosts: sshd.knownHosts, sshauth: 'privkey' }), options({
      passphrase: (request) => { asked.push(request); return Promise.resolve(answers.shift() ?? null); },
    }));
    expect(asked).toEqual([
      { kind: 'passphrase', keyPath: sshd.userKeyEncrypted, attempt: 1 },
      { kind: 'passphrase', keyPath: sshd.userKeyEncrypted, attempt: 2 },
    ]);
  });

  it('refuses when a secret is needed and nobody can be asked', async () => {
    await expect(openUri(uri({ known_hosts: sshd.knownHosts, sshauth: 'password' }), options())).rejects.toThrow(/no method was available/);
  });

  it('uses a default key from ~/.ssh when no keyfile= is given', async () => {
    const otherHome = join(dir, 'home-with-key');
    await mkdir(join(otherHome, '.ssh'), { recursive: true });
    await copyFile(sshd.userKey, join(otherHome, '.ssh', 'id_ed25519'));
    await expectOpens(uri({ known_hosts: sshd.knownHosts }), { ssh: { home: otherHome, agentSocket: '' } });
  });
});

describe('ssh transports: host keys', () => {
  it('prompts with the SHA256 fingerprint for an unknown host, and remembers it once trusted', async () => {
    const knownHosts = await freshKnownHosts('');
    const asked: HostKeyPrompt[] = [];
    const prompts: Prompts = { hostKey: (request) => { asked.push(request); return Promise.resolve(true); } };
    await expectOpens(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey' }), options(prompts));
    expect(asked).toEqual([{ kind: 'host-key', host: '127.0.0.1', port: sshd.port, keyType: 'ssh-ed25519', fingerprint: sshd.hostKeyFingerprint, knownHostsFile: knownHosts }]);
    expect(await readFile(knownHosts, 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ssh-ed25519 `);
    // Known now: no second question.
    const conn = await openUri(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey' }), options(prompts));
    expect(conn.transport).toMatchObject({ hostKey: 'known' });
    await conn.close();
    expect(asked).toHaveLength(1);
  });

  it('refuses an unknown host key that the person rejects, and files nothing', async () => {
    const knownHosts = await freshKnownHosts('');
    const opening = openUri(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey' }), options({ hostKey: () => Promise.resolve(false) }));
    await expect(opening).rejects.toThrow(/is not in .* and was not trusted/);
    expect(await readFile(knownHosts, 'utf8')).toBe('');
  });

  it('refuses an unknown host key when there is no prompt', async () => {
    const knownHosts = await freshKnownHosts('');
    await expect(openUri(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey' }), options())).rejects.toMatchObject({ kind: 'host-key', refusal: { reason: 'unknown', knownHostsFile: knownHosts } });
  });

  it('refuses a changed host key with a clear error, without asking', async () => {
    const impostor = Buffer.concat([Buffer.from([0, 0, 0, 11]), Buffer.from('ssh-ed25519'), Buffer.from([0, 0, 0, 32]), randomBytes(32)]);
    const knownHosts = await freshKnownHosts(`[127.0.0.1]:${sshd.port} ssh-ed25519 ${impostor.toString('base64')}\n`);
    let asked = false;
    const opening = openUri(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey' }), options({ hostKey: () => { asked = true; return Promise.resolve(true); } }));
    await expect(opening).rejects.toBeInstanceOf(HostKeyError);
    await expect(opening).rejects.toMatchObject({ refusal: { reason: 'changed', knownHostsFile: knownHosts, line: 1 } });
    await expect(opening).rejects.toThrow(/host key has CHANGED/);
    expect(asked).toBe(false);
  });

  it('files a trusted key in ~/.ssh/known_hosts by default, making ~/.ssh when it is missing', async () => {
    const freshHome = join(dir, `home-without-ssh-${randomBytes(3).toString('hex')}`);
    const text = uri({ keyfile: sshd.userKey, sshauth: 'privkey' });
    const conn = await openUri(text, { ssh: { home: freshHome, agentSocket: '' }, prompts: { hostKey: () => Promise.resolve(true) } });
    await conn.close();
    expect(await readFile(join(freshHome, '.ssh', 'known_hosts'), 'utf8')).toContain(`[127.0.0.1]:${sshd.port} ssh-ed25519`);
  });

  it('accepts a hashed known_hosts entry', async () => {
    const [, type = '', key = ''] = (await readFile(sshd.knownHosts, 'utf8')).trim().split(/\s+/);
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update(`[127.0.0.1]:${sshd.port}`).digest('base64');
    const knownHosts = await freshKnownHosts(`|1|${salt.toString('base64')}|${hash} ${type} ${key}\n`);
    await expectOpens(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey' }), options());
  });

  it('takes a new key without asking under known_hosts_verify=auto, and skips the check under ignore', async () => {
    const knownHosts = await freshKnownHosts('');
    await expectOpens(uri({ keyfile: sshd.userKey, known_hosts: knownHosts, sshauth: 'privkey', known_hosts_verify: 'auto' }), options());
    expect(await readFile(knownHosts, 'utf8')).toContain('ssh-ed25519');
    const conn = await openUri(uri({ keyfile: sshd.userKey, known_hosts: await freshKnownHosts(''), sshauth: 'privkey', known_hosts_verify: 'ignore' }), options());
    expect(conn.transport).toMatchObject({ hostKey: 'unchecked' });
    await conn.close();
  });
});

describe('ssh transports: one session per host and user', () => {
  const keyed = (params: Record<string, string> = {}, transport = 'ssh'): string =>
    uri({ keyfile: sshd.userKey, known_hosts: sshd.knownHosts, sshauth: 'privkey', ...params }, sshd.user, transport);

  it('runs two URIs to the same user@host:port on one session, each on its own channel, until the last one closes', async () => {
    const first = await openUri(keyed({}, 'libssh'), options());
    const second = await openUri(keyed({}, 'ssh'), options());
    try {
      expect(await sessionsToSshd()).toBe(1);
      expect(first.transport).toMatchObject({ kind: 'ssh', fingerprint: sshd.hostKeyFingerprint });
      expect(second.transport).toMatchObject({ kind: 'ssh', fingerprint: sshd.hostKeyFingerprint });
      await first.close();
      // The other channel keeps the session, and its connection keeps working.
      expect((await second.hostInfo()).uri).toBe('test:///default');
      expect(await sessionsToSshd()).toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
    await waitFor('the shared SSH session to end with its last connection', async () => (await sessionsToSshd()) === 0, 5000);
  });

  it('shares the session between opens that race, and keeps a URI checked against another known_hosts apart', async () => {
    const [a, b] = await Promise.all([openUri(keyed(), options()), openUri(keyed(), options())]);
    const apart = await openUri(keyed({ known_hosts: await freshKnownHosts() }), options());
    try {
      expect(await sessionsToSshd()).toBe(2);
      const infos = await Promise.all([a, b, apart].map((conn) => conn.hostInfo()));
      expect(infos.map((info) => info.uri)).toEqual(['test:///default', 'test:///default', 'test:///default']);
    } finally {
      await Promise.all([a.close(), b.close(), apart.close()]);
    }
    await waitFor('both SSH sessions to end', async () => (await sessionsToSshd()) === 0, 5000);
  });

  it("opens a second session when the first has as many channels as sshd's MaxSessions allows", async () => {
    const conns = await Promise.all(Array.from({ length: 11 }, () => openUri(keyed(), options())));
    try {
      expect(await sessionsToSshd()).toBe(2);
      const infos = await Promise.all(conns.map((conn) => conn.hostInfo()));
      expect(new Set(infos.map((info) => info.uri))).toEqual(new Set(['test:///default']));
    } finally {
      await Promise.all(conns.map((conn) => conn.close()));
    }
    await waitFor('every SSH session to end', async () => (await sessionsToSshd()) === 0, 5000);
  });
});

describe('ssh transports: reaching the daemon', () => {
  let jump: TestSshd;
  beforeAll(async () => {
    jump = await startSshd(join(dir, 'jump-sshd'), { password: sshd.password, extraAuthorizedKeys: [await readFile(`${sshd.userKey}.pub`, 'utf8')] });
  });
  afterAll(async () => { await stopSshd(jump); });

  it('goes through a ProxyJump host named in ~/.ssh/config, using its Host aliases, HostName, User, Port and IdentityFile', async () => {
    const configHome = join(dir, 'home-with-config');
    await mkdir(join(configHome, '.ssh'), { recursive: true });
    await writeFile(join(configHome, '.ssh', 'config'), [
      'Host libvirt-target',
      '  HostName 127.0.0.1',
      `  Port ${sshd.port}`,
      `  User ${sshd.user}`,
      `  IdentityFile ${sshd.userKey}`,
      '  ProxyJump jumphost',
      'Host jumphost',
      '  HostName 127.0.0.1',
      `  Port ${jump.port}`,
      `  User ${jump.user}`,
      `  IdentityFile ${sshd.userKey}`,
      '',
    ].join('\n'));
    const knownHosts = await freshKnownHosts(`${await readFile(sshd.knownHosts, 'utf8')}${await readFile(jump.knownHosts, 'utf8')}`);
    const text = `test+ssh://libvirt-target/default?socket=${libvirtd.unixSocket}&known_hosts=${knownHosts}`;
    const conn = await openUri(text, { ssh: { home: configHome, agentSocket: '' } });
    try {
      expect(conn.transport).toMatchObject({ kind: 'ssh', host: '127.0.0.1', port: sshd.port, user: sshd.user, via: [`127.0.0.1:${jump.port}`] });
      await expectSameHostInfoAsVirsh(conn, harness.uris.unix);
    } finally {
      await conn.close();
    }
  });

  it('runs virt-ssh-helper on the far side with proxy=native, and passes on what it says', async () => {
    // libvirt 9.0's helper ignores socket= and dials the system socket, which the harness
    // daemon does not own: the helper's own refusal proves it ran with our URI.
    const opening = openUri(uri({ keyfile: sshd.userKey, known_hosts: sshd.knownHosts, sshauth: 'privkey', proxy: 'native' }), options());
    await expect(opening).rejects.toThrow(/the remote command exited with status 1: virt-ssh-helper: cannot connect/);
  });

  it('ends the SSH session when the connection closes', async () => {
    const conn = await openUri(uri({ keyfile: sshd.userKey, known_hosts: sshd.knownHosts, sshauth: 'privkey' }), options());
    await conn.hostInfo();
    expect(await sessionsToSshd()).toBeGreaterThan(0);
    await conn.close();
    await waitFor('our SSH session to end', async () => (await sessionsToSshd()) === 0, 5000);
  });

  it('reports the remote command failing, with its stderr', async () => {
    const opening = openUri(uri({ keyfile: sshd.userKey, known_hosts: sshd.knownHosts, sshauth: 'privkey', socket: '/nonexistent/libvirt-sock' }), options());
    await expect(opening).rejects.toThrow(/nonexistent|No such file/);
  });

  it('gives up on a silent SSH server within the connect timeout, naming host and port', async () => {
    const silent = await startSilentServer();
    try {
      const opening = openUri(`test+ssh://u@127.0.0.1:${silent.port}/default?socket=/x`, { connectTimeoutMs: 300, ssh: { home, agentSocket: '' } });
      await expect(opening).rejects.toThrow(`cannot connect to 127.0.0.1:${silent.port}: no SSH session within 300 ms`);
    } finally {
      await silent.close();
    }
  });
});
