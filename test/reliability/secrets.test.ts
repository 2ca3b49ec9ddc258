/**
 * Secrets stay in memory: after SSH logins that needed a password and a key passphrase
 * (each first answered wrongly) through main's services with a real settings file, no
 * byte of either secret is in the settings folder, in any file of the test run (the
 * daemon's and sshd's logs included), in what the process printed, or in any error.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../electron/main/services';
import { asProfileStore } from '../../electron/main/settings/profile-store';
import { SettingsStore } from '../../electron/main/settings/settings-store';
import { RecordingSink, TEST_APP_INFO } from '../helpers/main-services';

const harness = inject('harness');
let services: MainServices | undefined;
let userData = '';

afterAll(async () => {
  await services?.dispose();
  if (userData !== '') await rm(userData, { recursive: true, force: true });
});

/** Every regular file below dir (sockets and the like skipped), with its bytes. */
async function* filesBelow(dir: string): AsyncGenerator<{ path: string; bytes: Buffer }> {
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const info = await stat(path).catch(() => undefined);
    if (info === undefined || info.size > 64 * 1024 * 1024) continue;
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes !== undefined) yield { path, bytes };
  }
}

describe('passwords and passphrases', () => {
  it('reach no file, no output and no error message', async () => {
    const { sshd, libvirtd } = harness;
    const wrongPassword = `wrong-password-${String(process.pid)}-${String(Date.now())}`;
    const wrongPassphrase = `wrong-passphrase-${String(process.pid)}-${String(Date.now())}`;
    const secrets = [sshd.password, sshd.userKeyPassphrase, wrongPassword, wrongPassphrase];
    const printed: string[] = [];
    const writes = [process.stdout, process.stderr].map((stream) => {
      const original = stream.write.bind(stream);
      stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
        printed.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return (original as (...a: unknown[]) => boolean)(chunk, ...rest);
      });
      return () => { stream.write = original; };
    });
    try {
      userData = await mkdtemp(join(tmpdir(), 'virtdeck-secrets-user-data-'));
      const sink = new RecordingSink();
      const notices: string[] = [];
      services = await createMainServices({
        store: asProfileStore(new SettingsStore({ file: join(userData, 'settings.json') }), (n) => { notices.push(JSON.stringify(n)); }),
        sink,
        appInfo: TEST_APP_INFO,
        connection: { connectTimeoutMs: 60_000 },
      });
      const main = services;
      const base = `test+ssh://${sshd.user}@127.0.0.1:${String(sshd.port)}/default?socket=${libvirtd.unixSocket}&known_hosts=${sshd.knownHosts}`;
      const results: unknown[] = [];
      for (const [uri, kind, answers] of [
        [`${base}&sshauth=password`, 'password', [wrongPassword, sshd.password]],
        [`${base}&sshauth=privkey&keyfile=${sshd.userKeyEncrypted}`, 'passphrase', [wrongPassphrase, sshd.userKeyPassphrase]],
      ] as const) {
        const added = await main.dispatch('connections.add', [{ uri, name: kind, autoconnect: false, reconnect: false }]);
        if (!added.ok) throw new Error(added.error.message);
        const id = (added.value as { id: string }).id;
        const opening = main.dispatch('connections.open', [id]);
        for (const [attempt, answer] of answers.entries()) {
          const prompt = await sink.next('prompt.request', (p) => p.connectionId === id && p.request.kind === kind && 'attempt' in p.request && p.request.attempt === attempt + 1, 60_000);
          results.push(await main.dispatch('prompts.answer', [prompt.id, { kind: 'secret', value: answer }]));
        }
        results.push(await opening);
        expect(results.at(-1)).toEqual({ ok: true, value: null });
        results.push(await main.dispatch('host.info', [id]));
        results.push(await main.dispatch('connections.close', [id]));
      }
      // A password refused three times: the failure must not quote it.
      const added = await main.dispatch('connections.add', [{ uri: `${base}&sshauth=password`, name: 'refused', autoconnect: false, reconnect: false }]);
      if (!added.ok) throw new Error(added.error.message);
      const id = (added.value as { id: string }).id;
      const opening = main.dispatch('connections.open', [id]);
      for (let attempt = 1; attempt <= 3; attempt++) {
        const prompt = await sink.next('prompt.request', (p) => p.connectionId === id && 'attempt' in p.request && p.request.attempt === attempt, 60_000);
        results.push(await main.dispatch('prompts.answer', [prompt.id, { kind: 'secret', value: wrongPassword }]));
      }
      const refused = await opening;
      // Main's auth kind says who refused whom and that a password was tried, in words and
      // in structure, without the password itself.
      expect(refused).toMatchObject({
        ok: false,
        error: {
          kind: 'auth',
          auth: { method: 'ssh', user: 'virtdeck-test', passwordTried: true },
          message: expect.stringMatching(/authentication as virtdeck-test failed/) as unknown,
        },
      });
      results.push(refused);
      await main.dispose();
      services = undefined;

      const said = JSON.stringify({ results, events: sink.events, notices }) + printed.join('');
      const found: string[] = [];
      for (const secret of secrets) if (said.includes(secret)) found.push(`a message or event holds ${secret}`);
      for (const dir of [userData, harness.root]) {
        for await (const { path, bytes } of filesBelow(dir)) {
          for (const secret of secrets) if (bytes.includes(secret)) found.push(`${path} holds ${secret}`);
        }
      }
      expect(found).toEqual([]);
      // The settings file was written, and holds the profiles.
      expect(await readFile(join(userData, 'settings.json'), 'utf8')).toContain('sshauth=password');
    } finally {
      for (const restore of writes) restore();
    }
  }, 180_000);
});
