import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { INVOKE_CHANNELS } from '../../../shared/ipc';
import { ERROR_KINDS } from '../../../shared/errors';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';

/** Every argument from the renderer is a stranger's: wrong input gets a typed error and changes nothing. */
let services: MainServices;
let store: ReturnType<typeof memoryStore>;

beforeEach(async () => {
  store = memoryStore([{ id: 'existing', uri: 'test+tcp://127.0.0.1:1/default', name: 'existing', autoconnect: false, reconnect: false }]);
  services = await createMainServices({ store, sink: new RecordingSink(), appInfo: TEST_APP_INFO });
});
afterEach(async () => {
  await services.dispose();
});

describe('dispatch validates every argument', () => {
  it('refuses unknown channels, including prototype names', async () => {
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 'connections.list ']) {
      expect(await services.dispatch(name, [])).toEqual({ ok: false, error: { kind: 'invalid-argument', message: `no such channel '${name}'` } });
    }
  });

  it('answers wrong types, missing and extra arguments with invalid-argument', async () => {
    const cases: [string, unknown[]][] = [
      ['connections.open', []],
      ['connections.open', [42]],
      ['connections.open', ['existing', 'extra']],
      ['connections.add', [{ uri: 'test:///default' }]],
      ['connections.add', [{ uri: 'test:///default', name: '', autoconnect: 'yes', reconnect: false }]],
      ['connections.add', [{ uri: 'test:///default', name: '', autoconnect: true, reconnect: false, password: 'hunter2' }]],
      ['domains.action', ['existing', 'not-a-uuid', 'start']],
      ['domains.action', ['existing', '6695eb01-f6a4-8304-79aa-97f2502e193f', 'format-disk']],
      ['prompts.answer', ['p1', { kind: 'secret' }]],
      ['connections.remove', ['../../etc/passwd']],
    ];
    for (const [channel, args] of cases) {
      const result = await services.dispatch(channel, args);
      expect(result, `${channel}(${JSON.stringify(args)})`).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    }
    expect(store.saved.map((p) => p.id)).toEqual(['existing']);
  });

  it('refuses huge strings before any handler sees them', async () => {
    const huge = 'x'.repeat(5_000_000);
    expect(await services.dispatch('connections.add', [{ uri: huge, name: '', autoconnect: false, reconnect: false }])).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
    expect(await services.dispatch('connections.open', [huge])).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
  });

  it('says which id is unknown', async () => {
    expect(await services.dispatch('connections.open', ['missing'])).toEqual({ ok: false, error: { kind: 'not-found', message: 'no connection with id missing' } });
    expect(await services.dispatch('prompts.answer', ['missing', { kind: 'accept' }])).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });

  it('refuses a malformed URI with the parser’s own words, and stores nothing', async () => {
    const result = await services.dispatch('connections.add', [{ uri: 'qemu+sshh://host/system', name: '', autoconnect: false, reconnect: false }]);
    expect(result).toMatchObject({ ok: false, error: { kind: 'invalid-uri', message: expect.stringContaining("unknown transport 'sshh'") as unknown } });
    expect(store.saved).toHaveLength(1);
  });

  it('never throws and always answers a known error kind, whatever arrives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...INVOKE_CHANNELS, 'bogus'), fc.array(fc.anything(), { maxLength: 4 }), async (channel, args) => {
        // Opening real hosts is another test's job; everything else may run.
        if (channel === 'connections.open' && args[0] === 'existing') return;
        const result = await services.dispatch(channel, args);
        if (!result.ok) expect(ERROR_KINDS).toContain(result.error.kind);
      }),
      { numRuns: 400 },
    );
  });

  it('stores no password, however a valid profile arrives with one added', async () => {
    const profile = fc.record({
      uri: fc.constantFrom('test:///default', 'qemu+ssh://root@kvm1.example.org/system', 'qemu+tls://h.example.org/system?no_verify=1', 'qemu:///session'),
      name: fc.string({ maxLength: 40 }),
      autoconnect: fc.boolean(),
      reconnect: fc.boolean(),
    });
    const secret = fc.string({ minLength: 6, maxLength: 30 }).map((s) => `pw:${s}`);
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(profile, secret, fc.boolean(), async (input, password, viaUpdate) => {
        // The generator makes inputs the schema accepts: without the password, they are stored.
        const added = await services.dispatch('connections.add', [input]);
        fc.pre(added.ok);
        accepted += 1;
        const id = (added.value as { id: string }).id;
        const withPassword = viaUpdate
          ? await services.dispatch('connections.update', [id, { name: input.name, password }])
          : await services.dispatch('connections.add', [{ ...input, password }]);
        expect(withPassword).toMatchObject({ ok: false, error: { kind: 'invalid-argument' } });
        expect(JSON.stringify(store.saved)).not.toContain(password);
        expect(store.saved.every((p) => !('password' in p))).toBe(true);
        await services.dispatch('connections.remove', [id]);
      }),
      { numRuns: 100 },
    );
    expect(accepted).toBeGreaterThanOrEqual(90);
  });
});
