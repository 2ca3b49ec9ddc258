/**
 * polkit, as Debian's and Fedora's libvirtd use it for auth_unix_rw: a daemon of our own with
 * auth_unix_rw = "polkit", polkitd on a private system bus with one rule (members of a test
 * group may manage libvirt), and the built virtdeck-cli run as non-root accounts, since root
 * is let through without asking polkit.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureCliBuilt, runCliAs } from '../../helpers/cli';
import { startLibvirtd, stopLibvirtd, type PrivateLibvirtd } from '../../helpers/libvirtd';
import { POLKIT_MEMBER, POLKIT_OUTSIDER, POLKIT_TEST_GROUP, startPolkit, type TestPolkit } from '../../helpers/polkit';
import { freePort } from '../../helpers/ports';
import { virshNodeInfo } from '../../helpers/virsh';

const harness = inject('harness');

describe('polkit (AUTH_POLKIT) on a local unix socket', () => {
  let polkit: TestPolkit | undefined;
  let daemon: PrivateLibvirtd | undefined;
  let uri = '';

  beforeAll(async () => {
    await ensureCliBuilt();
    const dir = join(harness.root, `polkit-${process.pid}`);
    polkit = await startPolkit(join(dir, 'polkit'));
    daemon = await startLibvirtd({
      dir: join(dir, 'libvirtd'),
      tcpPort: await freePort(),
      tlsPort: await freePort(),
      pki: harness.pki,
      auth: { unixRw: 'polkit' },
      env: { DBUS_SYSTEM_BUS_ADDRESS: polkit.busAddress },
    });
    uri = `test+unix:///default?socket=${daemon.unixSocket}`;
  }, 60_000);

  afterAll(async () => {
    // libvirtd first, then polkitd and the bus it asks through.
    if (daemon) await stopLibvirtd(daemon);
    if (polkit) await polkit.stop();
  });

  it(`lets a member of ${POLKIT_TEST_GROUP} in: the CLI, run as that user, opens and reports what virsh reports`, async () => {
    const result = await runCliAs(POLKIT_MEMBER, ['info', '--json', '-c', uri]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const info = JSON.parse(result.stdout) as { node: { cpus: number; model: string }; uri: string };
    expect(info.uri).toBe('test:///default');
    const node = await virshNodeInfo(harness.uris.unix);
    expect(String(info.node.cpus)).toBe(node.get('CPU(s)'));
    expect(info.node.model).toBe(node.get('CPU model'));
  });

  it('refuses a user outside the group in words: the polkit action, who, and what would allow it', async () => {
    const result = await runCliAs(POLKIT_OUTSIDER, ['info', '-c', uri]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/polkit denied org\.libvirt\.unix\.manage/);
    expect(result.stderr).toContain(`user ${POLKIT_OUTSIDER} (uid `);
    expect(result.stderr).toMatch(/is not allowed/);
    expect(result.stderr).toMatch(/group 'libvirt'.*\/etc\/polkit-1\/rules\.d/s);
  });
});
