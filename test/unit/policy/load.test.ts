/** Reading the admin policy file: real files in a temporary folder, every way one can be wrong. */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminDir, loadAdminPolicy, managedId, OPEN_RULES, policyFile, STRICT_RULES } from '../../../electron/policy';

let dir: string;
let file: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtdeck-policy-'));
  file = join(dir, 'policy.json');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('where the policy lives', () => {
  it('is the system folder of each platform, unless VIRTDECK_ADMIN_DIR says otherwise', () => {
    expect(adminDir({}, 'linux')).toBe('/etc/virtdeck');
    expect(adminDir({}, 'darwin')).toBe('/Library/Application Support/Virtdeck');
    expect(adminDir({ ProgramData: 'D:\\ProgramData' }, 'win32')).toBe('D:\\ProgramData\\Virtdeck');
    expect(policyFile({}, 'win32')).toBe('C:\\ProgramData\\Virtdeck\\policy.json');
    expect(policyFile({ VIRTDECK_ADMIN_DIR: '/tmp/x' }, 'linux')).toBe('/tmp/x/policy.json');
  });
});

describe('loadAdminPolicy', () => {
  it('means no policy when there is no file', async () => {
    const load = await loadAdminPolicy(file);
    expect(load).toEqual({ kind: 'absent', policy: { file, rules: OPEN_RULES, connections: [] } });
  });

  it('reads switches, patterns and managed connections, with defaults for what is left out', async () => {
    await writeFile(file, JSON.stringify({
      version: 1,
      connections: [{ id: 'lab', name: ' Lab ', uri: 'qemu+ssh://virt@kvm1.lab.example.org/system' }],
      policy: { forbidNoVerify: true, allowedUris: ['qemu+ssh://*@*.lab.example.org/system'] },
    }));
    expect(await loadAdminPolicy(file)).toEqual({
      kind: 'loaded',
      policy: {
        file,
        rules: { ...OPEN_RULES, forbidNoVerify: true, allowedUris: ['qemu+ssh://*@*.lab.example.org/system'] },
        connections: [{ id: managedId('lab'), name: 'Lab', uri: 'qemu+ssh://virt@kvm1.lab.example.org/system', autoconnect: false, reconnect: true }],
      },
    });
  });

  it('reads a list of allowed transports, and refuses a transport it does not know', async () => {
    await writeFile(file, JSON.stringify({ version: 1, policy: { allowedTransports: ['ssh', 'tls'] } }));
    expect(await loadAdminPolicy(file)).toMatchObject({ kind: 'loaded', policy: { rules: { ...OPEN_RULES, allowedTransports: ['ssh', 'tls'] } } });
    await writeFile(file, JSON.stringify({ version: 1, policy: { allowedTransports: ['ssh', 'telnet'] } }));
    const load = await loadAdminPolicy(file);
    expect(load).toMatchObject({ kind: 'broken', policy: { rules: STRICT_RULES } });
    if (load.kind === 'broken') expect(load.message).toContain('policy.allowedTransports.1: a transport is one of unix, tcp, tls, ssh, libssh2, libssh, ext');
  });

  it.each([
    ['not JSON', '{"version": 1,', /not JSON/],
    ['another version', '{"version": 2}', /version: this Virtdeck reads policy files of version 1/],
    ['a misspelt switch', '{"version": 1, "policy": {"forbidExt": true}}', /policy: Unrecognized key: "forbidExt"/],
    ['a switch that is not a boolean', '{"version": 1, "policy": {"forbidNoVerify": "yes"}}', /policy\.forbidNoVerify/],
    ['a duplicate id', '{"version": 1, "connections": [{"id": "a", "name": "A", "uri": "test:///default"}, {"id": "a", "name": "B", "uri": "test:///default"}]}', /connections\.1\.id: duplicate id 'a'/],
    ['a malformed URI', '{"version": 1, "connections": [{"id": "a", "name": "A", "uri": "qemu+ssh://host:/system"}]}', /connections\.0\.uri: /],
    ['a connection its own policy forbids', '{"version": 1, "connections": [{"id": "a", "name": "A", "uri": "qemu+ext:///system?command=/bin/true"}], "policy": {"forbidExtTransport": true}}', /connections\.0\.uri breaks the file's own policy: .*forbidExtTransport/],
  ])('reports %s, and falls back to the strict switches with no managed connections', async (_what, text, why) => {
    await writeFile(file, text);
    const load = await loadAdminPolicy(file);
    expect(load.kind).toBe('broken');
    expect(load.policy).toEqual({ file, rules: STRICT_RULES, connections: [] });
    if (load.kind === 'broken') {
      expect(load.message).toContain(`The administrator's policy file ${file} could not be used (`);
      expect(load.message).toMatch(why);
    }
  });

  it('reports a file it may not read', async () => {
    await writeFile(file, '{"version": 1}');
    await chmod(file, 0o000);
    // Root reads anything; make the path unreadable another way there: a directory in its place.
    const target = process.getuid?.() === 0 ? dir : file;
    const load = await loadAdminPolicy(target);
    expect(load.kind).toBe('broken');
    if (load.kind === 'broken') expect(load.message).toMatch(/cannot read it: E(ACCES|ISDIR)/);
  });
});
