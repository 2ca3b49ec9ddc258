import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import { openUri } from '../../../electron/libvirt/connect';
import type { Connection } from '../../../electron/libvirt';
import { ensureCliBuilt, runCli } from '../../helpers/cli';
import { freePort } from '../../helpers/ports';

const harness = inject('harness');

/** The daemon's test:///default lives while a connection holds it: this one does. */
let keeper: Connection;

beforeAll(async () => {
  await ensureCliBuilt();
  keeper = await openUri(harness.uris.unix);
});
afterAll(async () => {
  await keeper.close();
});

async function stateOf(name: string): Promise<string> {
  return (await keeper.domainInfo(await keeper.lookupDomainByName(name))).state;
}

describe('virtdeck-cli lifecycle commands', () => {
  it('suspends, resumes, destroys and starts a domain, and says so', async () => {
    const uri = harness.uris.unix;
    expect(await stateOf('test')).toBe('running');
    const suspend = await runCli(['suspend', 'test', '-c', uri]);
    expect(suspend).toEqual({ code: 0, stdout: "Domain 'test' suspended\n", stderr: '' });
    expect(await stateOf('test')).toBe('paused');
    expect((await runCli(['resume', 'test', '-c', uri])).code).toBe(0);
    expect(await stateOf('test')).toBe('running');
    expect((await runCli(['destroy', 'test', '-c', uri])).code).toBe(0);
    expect(await stateOf('test')).toBe('shutoff');
    expect((await runCli(['start', 'test', '-c', uri])).code).toBe(0);
    expect(await stateOf('test')).toBe('running');
  });

  it('reports libvirt’s own error for an invalid transition, in one line', async () => {
    const result = await runCli(['resume', 'test', '-c', harness.uris.unix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^virtdeck-cli: .*not paused.*\n$/);
  });

  it('names a domain that does not exist', async () => {
    const result = await runCli(['start', 'no-such-domain', '-c', harness.uris.unix]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^virtdeck-cli: .*no-such-domain.*\n$/);
  });
});

describe('virtdeck-cli failures', () => {
  it('says which address refused the connection, without a stack trace', async () => {
    const port = await freePort();
    const result = await runCli(['info', '-c', `test+tcp://127.0.0.1:${port}/default`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`virtdeck-cli: cannot connect to 127.0.0.1:${port}: connection refused\n`);
  });

  it('names a unix socket that does not exist', async () => {
    const result = await runCli(['info', '-c', `test+unix:///default?socket=${harness.root}/missing-sock`]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^virtdeck-cli: cannot connect to ${harness.root}/missing-sock: .+\\n$`));
  });

  it('gives up on a server that accepts and never answers', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const result = await runCli(['info', '--timeout', '1.5', '-c', `test+tcp://127.0.0.1:${port}/default`]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(new RegExp(`^virtdeck-cli: cannot connect to 127\\.0\\.0\\.1:${port}: connected, but .* within 1500 ms\\n$`));
    } finally {
      silent.close();
    }
  });

  it('rejects a malformed URI with what is wrong', async () => {
    const result = await runCli(['info', '-c', 'qemu+sshh://host/system']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^virtdeck-cli: unknown transport 'sshh'.*\n$/);
  });

  it('refuses an unknown command with usage and exit code 2', async () => {
    const result = await runCli(['explode']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown command 'explode'");
    expect(result.stderr).toContain('usage: virtdeck-cli');
  });
});
