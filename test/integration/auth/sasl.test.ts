/**
 * SASL, as libvirtd runs it with auth_tcp = "sasl": a daemon of our own with a cyrus-sasl user
 * database (saslpasswd2) and the mechanisms libvirt's SASL offers today. Over the unix socket
 * and inside TLS the daemon offers SCRAM; over plain TCP it demands a security layer, so it
 * offers DIGEST-MD5 only, which this client refuses in words. Credentials come from the
 * prompt port or from libvirt's auth file, as virsh takes them.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { AuthError, type Connection, type Prompts } from '../../../electron/libvirt';
import { openUri } from '../../../electron/libvirt/connect';
import { createMainServices } from '../../../electron/main/services';
import { ensureCliBuilt, runCli } from '../../helpers/cli';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../../helpers/libvirtd';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { freePort } from '../../helpers/ports';
import { run } from '../../helpers/process';
import { makeSaslDatabase, writeAuthFile } from '../../helpers/sasl';

const harness = inject('harness');
const USER = 'vdadmin';
const PASSWORD = `Sasl-${process.pid}-${Date.now().toString(36)}-pw`;

/** Answers the SASL question with fixed credentials, and remembers what was asked. */
function answering(user: string, password: string): Prompts & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    saslCredentials: (request) => {
      asked.push(request);
      return Promise.resolve({ user, password });
    },
  };
}

async function openAndRead(uri: string, prompts: Prompts): Promise<{ conn: Connection; hostname: string }> {
  const conn = await openUri(uri, { prompts, auth: { environment: { env: {}, home: '/nonexistent', exists: () => false } } });
  return { conn, hostname: (await conn.hostInfo()).hostname };
}

describe('SASL (AUTH_SASL_INIT/START/STEP) against libvirtd with a sasldb', () => {
  let daemon: PrivateLibvirtd | undefined;
  let dir = '';
  let unixUri = '';
  let tcpUri = '';
  let tlsUri = '';
  let authFile = '';
  let virshHostname = '';

  beforeAll(async () => {
    await ensureCliBuilt();
    dir = join(harness.root, `sasl-${process.pid}`);
    const sasl = await makeSaslDatabase(join(dir, 'sasl'), [{ name: USER, password: PASSWORD }], ['scram-sha-256', 'scram-sha-1', 'digest-md5', 'plain']);
    const [tcpPort, tlsPort] = [await freePort(), await freePort()];
    daemon = await startLibvirtd({
      dir: join(dir, 'libvirtd'), tcpPort, tlsPort, pki: harness.pki,
      auth: { unixRw: 'sasl', tcp: 'sasl', tls: 'sasl' }, saslConfig: sasl.config,
    });
    unixUri = `test+unix:///default?socket=${daemon.unixSocket}`;
    tcpUri = `test+tcp://127.0.0.1:${tcpPort}/default`;
    tlsUri = `test+tls://127.0.0.1:${tlsPort}/default?pkipath=${harness.pki.clientPkiPath}`;
    authFile = join(dir, 'auth.conf');
    await writeAuthFile(authFile, '127.0.0.1', USER, PASSWORD);
    // virsh, given the same auth file, is the judge of what the daemon answers.
    virshHostname = (await run('virsh', ['-q', '-c', tlsUri, 'hostname'], { env: { ...process.env, LIBVIRT_AUTH_FILE: authFile } })).stdout.trim();
  }, 60_000);

  afterAll(async () => {
    if (daemon) await stopLibvirtd(daemon);
  });

  it('opens over the unix socket with SCRAM-SHA-256 and the right password, asking through the prompt port', async () => {
    const prompts = answering(USER, PASSWORD);
    const { conn, hostname } = await openAndRead(unixUri, prompts);
    await conn.close();
    expect(hostname).toBe(virshHostname);
    expect(prompts.asked).toEqual([{ kind: 'sasl-credentials', host: 'localhost', mechanism: 'SCRAM-SHA-256', defaultUser: '' }]);
  });

  it('opens inside TLS with SCRAM-SHA-256, the URI user offered as the default, as virsh sees it', async () => {
    const prompts = answering(USER, PASSWORD);
    const { conn, hostname } = await openAndRead(tlsUri.replace('tls://', `tls://${USER}@`), prompts);
    try {
      expect(conn.transport).toMatchObject({ kind: 'tls', verified: true });
      expect(hostname).toBe(virshHostname);
      expect(prompts.asked).toEqual([{ kind: 'sasl-credentials', host: '127.0.0.1', mechanism: 'SCRAM-SHA-256', defaultUser: USER }]);
    } finally {
      await conn.close();
    }
  });

  it('refuses a wrong password in words, naming the user and the mechanism', async () => {
    const opening = openAndRead(unixUri, answering(USER, 'not-the-password'));
    await expect(opening).rejects.toBeInstanceOf(AuthError);
    await expect(opening).rejects.toThrow(`libvirtd refused the SASL login of "${USER}" (SCRAM-SHA-256): wrong user name or password`);
    const failure = await opening.catch((e: unknown) => (e instanceof AuthError ? e.failure : e));
    expect(failure).toMatchObject({ kind: 'sasl-rejected', mechanism: 'SCRAM-SHA-256', user: USER });
  });

  it('refuses plain TCP, where the daemon offers only DIGEST-MD5 with a security layer, instead of sending calls unprotected', async () => {
    const opening = openAndRead(tcpUri, answering(USER, PASSWORD));
    await expect(opening).rejects.toThrow(/offers only DIGEST-MD5 here, which it runs with a SASL security layer .* connect with qemu\+tls:\/\//);
    const failure = await opening.catch((e: unknown) => (e instanceof AuthError ? e.failure : e));
    expect(failure).toEqual({ kind: 'sasl-security-layer', mechanism: 'DIGEST-MD5' });
  });

  it('says what is missing when nobody can give credentials', async () => {
    const opening = openUri(unixUri, { auth: { environment: { env: {}, home: '/nonexistent', exists: () => false } } });
    await expect(opening).rejects.toThrow(/asks for a SASL user name and password \(SCRAM-SHA-256\), and none was given/);
  });

  it("connects the CLI without a terminal through libvirt's auth file: LIBVIRT_AUTH_FILE and authfile=", async () => {
    const byEnv = await runCli(['info', '--json', '-c', tlsUri], { ...process.env, LIBVIRT_AUTH_FILE: authFile });
    expect(byEnv.stderr).toBe('');
    expect((JSON.parse(byEnv.stdout) as { hostname: string }).hostname).toBe(virshHostname);
    const byParam = await runCli(['info', '--json', '-c', `${tlsUri}&authfile=${authFile}`], { ...process.env, LIBVIRT_AUTH_FILE: '' });
    expect(byParam.code).toBe(0);
    const withoutFile = await runCli(['info', '-c', tlsUri], { ...process.env, LIBVIRT_AUTH_FILE: join(dir, 'absent.conf') });
    expect(withoutFile.code).toBe(1);
    expect(withoutFile.stderr).toMatch(/auth file .*absent\.conf: cannot be read/);
  });

  it('never lets the password reach the settings, the events for the window or the daemon log', async () => {
    const sink = new RecordingSink();
    const store = memoryStore();
    const services = await createMainServices({ store, sink, appInfo: TEST_APP_INFO, promptTimeoutMs: 30_000 });
    try {
      const added = await services.dispatch('connections.add', [{ uri: tlsUri.replace('tls://', `tls://${USER}@`), name: 'sasl host', autoconnect: false, reconnect: false }]);
      if (!added.ok) throw new Error(added.error.message);
      const id = (added.value as { id: string }).id;
      const opening = services.dispatch('connections.open', [id]);
      const prompt = await sink.next('prompt.request', (p) => p.connectionId === id);
      expect(prompt.request).toEqual({ kind: 'sasl-credentials', host: '127.0.0.1', mechanism: 'SCRAM-SHA-256', defaultUser: USER });
      await services.dispatch('prompts.answer', [prompt.id, { kind: 'responses', values: [USER, PASSWORD] }]);
      expect(await opening).toEqual({ ok: true, value: null });
      expect(await services.dispatch('host.info', [id])).toMatchObject({ ok: true, value: { hostname: virshHostname } });
    } finally {
      await services.dispose();
    }
    expect(JSON.stringify(store.saved)).not.toContain(PASSWORD);
    expect(JSON.stringify(sink.events)).not.toContain(PASSWORD);
    expect(await readFile(daemon?.logFile ?? '', 'utf8')).not.toContain(PASSWORD);
  });
});
