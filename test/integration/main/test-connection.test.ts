import { afterEach, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import type { WireResult } from '../../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { expectHostInfoLikeVirsh } from '../../helpers/virsh';

/** The connection dialog's Test connection, through the contract, on the harness's daemon. */
const harness = inject('harness');
let services: MainServices | undefined;

afterEach(async () => {
  await services?.dispose();
  services = undefined;
});

async function testUri(uri: string): Promise<WireResult<'connections.test'>> {
  services = await createMainServices({ store: memoryStore(), sink: new RecordingSink(), appInfo: TEST_APP_INFO });
  return (await services.dispatch('connections.test', [uri])) as WireResult<'connections.test'>;
}

describe('connections.test', () => {
  it('opens the URI once and answers the host\'s facts as virsh reads them, adding no profile', async () => {
    const result = await testUri(harness.uris.tcp);
    if (!result.ok) throw new Error(`test failed: ${result.error.message}`);
    await expectHostInfoLikeVirsh(result.value, harness.uris.tcp);
    expect(services?.manager.list()).toEqual([]);
  });

  it('gives the exact error for a port where nothing listens', async () => {
    const result = await testUri('test+tcp://127.0.0.1:1/default');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('transport');
    expect(result.error.message).toMatch(/127\.0\.0\.1:1.*connection refused/);
  });

  it('refuses a malformed URI by the parser\'s words, before dialling anything', async () => {
    const result = await testUri('qemu+ssh://host:/system');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.kind).toBe('invalid-uri');
  });
});
