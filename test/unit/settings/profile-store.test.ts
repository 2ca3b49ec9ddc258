import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asProfileStore, describeNotice } from '../../../electron/main/settings/profile-store';
import { SettingsStore, type SettingsNotice } from '../../../electron/main/settings/settings-store';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'virtdeck-profile-store-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('asProfileStore', () => {
  it('gives the manager plain profiles and passes the load’s notice on', async () => {
    const file = join(dir, 'settings.json');
    await writeFile(file, '{ torn');
    const notices: SettingsNotice[] = [];
    const store = asProfileStore(new SettingsStore({ file }), (n) => { notices.push(n); });
    expect((await store.load()).map((p) => p.id)).toEqual(['embedded-test']);
    expect(notices).toHaveLength(1);
    const [notice] = notices;
    expect(notice && describeNotice(notice)).toMatch(/could not be read .* moved to .*settings\.json\.corrupt-/);
    await store.save([]);
    expect(await store.load()).toEqual([]);
    expect(notices).toHaveLength(1);
  });
});
