import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionProfile } from '../../../shared/model';
import { AppFailure } from '../../../electron/main/app-failure';
import { SettingsStore } from '../../../electron/main/settings/settings-store';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtdeck-settings-'));
  file = join(dir, 'settings.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function profile(n: number, extra: Partial<ConnectionProfile> = {}): ConnectionProfile {
  return { id: `p${String(n)}`, uri: `qemu+ssh://admin@host${String(n)}/system`, name: `Host ${String(n)}`, autoconnect: n % 2 === 0, reconnect: true, ...extra };
}

function fixedClock(): Date {
  return new Date('2025-01-02T03:04:05.678Z');
}

async function onDisk(): Promise<unknown> {
  return JSON.parse(await readFile(file, 'utf8'));
}

describe('SettingsStore', () => {
  it('starts a first run with the embedded test host and writes nothing', async () => {
    const result = await new SettingsStore({ file }).load();
    expect(result).toEqual({
      firstRun: true,
      profiles: [{ id: 'embedded-test', uri: 'test:///default', name: 'Embedded test host', autoconnect: true, reconnect: false }],
    });
    expect(await readdir(dir)).toEqual([]);
  });

  it('round-trips profiles through a versioned file', async () => {
    const profiles = [profile(1), profile(2), profile(3, { name: 'Ünïcode "quoted" ✓' })];
    await new SettingsStore({ file }).save(profiles);
    expect(await onDisk()).toEqual({ version: 1, profiles });
    const loaded = await new SettingsStore({ file }).load();
    expect(loaded).toEqual({ profiles, firstRun: false });
  });

  it('creates the settings directory when it is missing', async () => {
    const nested = join(dir, 'a', 'b', 'settings.json');
    await new SettingsStore({ file: nested }).save([profile(1)]);
    expect((await new SettingsStore({ file: nested }).load()).profiles).toEqual([profile(1)]);
  });

  it('keeps an empty list as empty (the admin removed every host)', async () => {
    const store = new SettingsStore({ file });
    await store.save([]);
    expect(await store.load()).toEqual({ profiles: [], firstRun: false });
  });

  it('lands 50 concurrent saves in call order: the file always parses and ends with the last', async () => {
    const store = new SettingsStore({ file });
    await store.save([profile(0)]);
    const reader$ = { reading: true };
    let reads = 0;
    const reader = (async () => {
      while (reader$.reading) {
        const doc = await onDisk();
        expect(doc).toMatchObject({ version: 1 });
        reads += 1;
      }
    })();
    const saves = Array.from({ length: 50 }, (_, i) => store.save(Array.from({ length: i + 1 }, (_x, j) => profile(j))));
    await Promise.all(saves);
    reader$.reading = false;
    await reader;
    expect(reads).toBeGreaterThan(0);
    expect(await onDisk()).toEqual({ version: 1, profiles: Array.from({ length: 50 }, (_x, j) => profile(j)) });
    // No temp file is left behind.
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('does not let a save see changes the caller makes after calling it', async () => {
    const store = new SettingsStore({ file });
    const list = [profile(1)];
    const saving = store.save(list);
    list.push(profile(2));
    await saving;
    expect((await store.load()).profiles).toEqual([profile(1)]);
  });

  describe('never stores a password', () => {
    it('refuses to save a profile carrying a password, and writes nothing', async () => {
      const withPassword = { ...profile(1), password: 'hunter2' } as ConnectionProfile;
      const store = new SettingsStore({ file });
      await expect(store.save([withPassword])).rejects.toThrow(AppFailure);
      await expect(store.save([withPassword])).rejects.toMatchObject({ error: { kind: 'settings' } });
      expect(await readdir(dir)).toEqual([]);
    });

    it('strips a password someone wrote into the file and scrubs it from disk', async () => {
      await writeFile(file, JSON.stringify({ version: 1, profiles: [{ ...profile(1), password: 'hunter2' }] }));
      const loaded = await new SettingsStore({ file }).load();
      expect(loaded.profiles).toEqual([profile(1)]);
      expect(loaded.profiles[0]).not.toHaveProperty('password');
      const text = await readFile(file, 'utf8');
      expect(text).not.toContain('hunter2');
      expect(text).not.toContain('password');
    });
  });

  it('refuses to save an invalid profile (duplicate ids) with a typed error', async () => {
    const store = new SettingsStore({ file });
    await expect(store.save([profile(1), profile(1)])).rejects.toMatchObject({ error: { kind: 'settings', message: expect.stringContaining('duplicate') as unknown } });
  });

  describe('a corrupt file', () => {
    const cases: readonly [string, string, string][] = [
      ['bad JSON', '{"version": 1, "profiles": [', 'invalid-json'],
      ['an empty file', '', 'invalid-json'],
      ['a wrong schema', JSON.stringify({ version: 1, profiles: [{ id: 'x', uri: 42 }] }), 'invalid-schema'],
      ['no version', JSON.stringify({ profiles: [] }), 'invalid-schema'],
      ['a non-integer version', JSON.stringify({ version: '1', profiles: [] }), 'invalid-schema'],
      ['duplicate ids', JSON.stringify({ version: 1, profiles: [profile(1), profile(1)] }), 'invalid-schema'],
      ['an unknown future version', JSON.stringify({ version: 7, profiles: [], theme: 'dark' }), 'future-version'],
    ];
    it.each(cases)('with %s is moved aside and the defaults are loaded', async (_name, text, reason) => {
      await writeFile(file, text);
      const result = await new SettingsStore({ file, now: fixedClock }).load();
      const movedTo = `${file}.corrupt-2025-01-02T03-04-05-678Z`;
      expect(result.profiles.map((p) => p.uri)).toEqual(['test:///default']);
      expect(result.firstRun).toBe(false);
      expect(result.notice).toMatchObject({ kind: 'recovered-from-corrupt', movedTo, reason });
      expect(result.notice?.kind === 'recovered-from-corrupt' && result.notice.message).toContain(movedTo);
      expect(await readFile(movedTo, 'utf8')).toBe(text);
      expect(await readdir(dir)).toEqual(['settings.json.corrupt-2025-01-02T03-04-05-678Z']);
    });

    it('never overwrites an earlier corrupt copy', async () => {
      const store = new SettingsStore({ file, now: fixedClock });
      await writeFile(file, 'first');
      await store.load();
      await writeFile(file, 'second');
      const result = await store.load();
      expect(result.notice).toMatchObject({ movedTo: `${file}.corrupt-2025-01-02T03-04-05-678Z-1` });
      expect(await readFile(`${file}.corrupt-2025-01-02T03-04-05-678Z`, 'utf8')).toBe('first');
    });

    it('names the newer version in its message', async () => {
      await writeFile(file, JSON.stringify({ version: 2, profiles: [] }));
      const result = await new SettingsStore({ file }).load();
      expect(result.notice?.kind === 'recovered-from-corrupt' && result.notice.message).toMatch(/newer Virtdeck \(settings version 2/);
    });
  });

  it('reports an unreadable file as a typed settings error', async () => {
    // A directory where the file should be: reading it fails with EISDIR, not ENOENT.
    const store = new SettingsStore({ file: dir });
    await expect(store.load()).rejects.toMatchObject({ error: { kind: 'settings' } });
  });

  it('treats a bare array (a format that never shipped) as corrupt, and keeps nothing of it', async () => {
    await writeFile(file, JSON.stringify([{ uri: 'qemu:///system', name: 'Local', password: 'old-secret' }]));
    const result = await new SettingsStore({ file }).load();
    expect(result.notice).toMatchObject({ kind: 'recovered-from-corrupt', reason: 'invalid-schema' });
    expect(JSON.stringify(result.profiles)).not.toContain('old-secret');
  });
});
