/**
 * virtdeck-cli, run as a process, under the same admin policy as the app: the policy file
 * read from VIRTDECK_ADMIN_DIR, forbidden URIs refused before connecting with the rule's
 * name, an unknown SSH host key refused by the policy (not asked), a broken file said on
 * stderr and never fatal.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { ensureCliBuilt, runCli, type CliResult } from '../../helpers/cli';

const harness = inject('harness');
let dir: string;

beforeAll(async () => {
  await ensureCliBuilt();
});
beforeEach(async () => {
  dir = await mkdtemp(join(harness.root, 'cli-policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cliUnder(policy: unknown, args: readonly string[]): Promise<CliResult> {
  await writeFile(join(dir, 'policy.json'), typeof policy === 'string' ? policy : JSON.stringify(policy));
  return runCli(args, { ...process.env, VIRTDECK_ADMIN_DIR: dir });
}

const policyFile = (): string => join(dir, 'policy.json');

describe('virtdeck-cli under the admin policy', () => {
  it('refuses an ext URI before running anything, naming the policy', async () => {
    const result = await cliUnder({ version: 1, policy: { forbidExtTransport: true } }, ['info', '-c', `qemu+ext:///system?command=/usr/bin/touch`]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`virtdeck-cli: refused by the administrator's policy (forbidExtTransport in ${policyFile()}): the ext transport runs a local program named in the URI, and this policy forbids it\n`);
  });

  it('allows only URIs matching the patterns', async () => {
    const policy = { version: 1, policy: { allowedUris: [`qemu+unix:///system`, 'test:///default'] } };
    expect((await cliUnder(policy, ['list', '-c', 'test:///default'])).code).toBe(0);
    const refused = await cliUnder(policy, ['list', '-c', harness.uris.tcp]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`(allowedUris in ${policyFile()})`);
    expect(refused.stderr).toContain('matches none of the allowed URI patterns');
  });

  it('refuses an unknown SSH host key of the harness sshd by policy, without asking', async () => {
    const knownHosts = join(dir, 'known_hosts');
    await writeFile(knownHosts, '');
    const { sshd, libvirtd } = harness;
    const uri = `test+ssh://${sshd.user}@127.0.0.1:${String(sshd.port)}/default?socket=${libvirtd.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${knownHosts}`;
    const result = await cliUnder({ version: 1, policy: { requireKnownHostKey: true } }, ['info', '-c', uri]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`refused by the administrator's policy (requireKnownHostKey in ${policyFile()})`);
    expect(result.stderr).toContain(sshd.hostKeyFingerprint);
    // With a known key the same command connects.
    const known = `test+ssh://${sshd.user}@127.0.0.1:${String(sshd.port)}/default?socket=${libvirtd.unixSocket}&keyfile=${sshd.userKey}&known_hosts=${sshd.knownHosts}`;
    expect(await cliUnder({ version: 1, policy: { requireKnownHostKey: true } }, ['info', '--json', '-c', known])).toMatchObject({ code: 0, stderr: '' });
  });

  it('says a broken policy file on stderr and still runs, under the strict switches', async () => {
    const ok = await cliUnder('{"version": 1, "policy": ', ['list', '--json', '-c', 'test:///default']);
    expect(ok.code).toBe(0);
    expect(ok.stderr).toMatch(new RegExp(`^virtdeck-cli: The administrator's policy file ${policyFile().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} could not be used \\(not JSON`));
    expect((JSON.parse(ok.stdout) as unknown[]).length).toBeGreaterThan(0);
    const strict = await cliUnder('[]', ['info', '-c', 'qemu+ext:///system?command=/bin/true']);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('(forbidExtTransport in');
  });
});
