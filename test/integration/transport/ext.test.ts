import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import { TransportError } from '../../../electron/libvirt';
import { isAlive, waitFor } from '../../helpers/process';
import { expectSameHostInfoAsVirsh } from './same-as-virsh';

const harness = inject('harness');
let dir = '';
let command = '';
let pidFile = '';

beforeAll(async () => {
  dir = await mkdtemp(join(harness.root, 'ext-test-'));
  pidFile = join(dir, 'proxy.pid');
  command = join(dir, 'to-libvirtd');
  // libvirt runs command= without arguments, so the test's proxy is a script; it records
  // its pid so the test can see the process go when the connection closes.
  await writeFile(command, `#!/bin/sh\necho $$ > '${pidFile}'\nexec nc -U '${harness.libvirtd.unixSocket}'\n`);
  await chmod(command, 0o755);
});

describe('ext transport', () => {
  it('runs the confirmed command and speaks over its stdin and stdout, as virsh does', async () => {
    const asked: unknown[] = [];
    const uri = `test+ext:///default?command=${command}`;
    const conn = await openUri(uri, { prompts: { confirmCommand: (request) => { asked.push(request); return Promise.resolve(true); } } });
    try {
      expect(asked).toEqual([{ kind: 'confirm-command', argv: [command] }]);
      expect(conn.transport).toEqual({ kind: 'ext', argv: [command] });
      await expectSameHostInfoAsVirsh(conn, uri);
    } finally {
      await conn.close();
    }
  });

  it('ends the process when the connection closes', async () => {
    const conn = await openUri(`test+ext:///default?command=${command}`, { prompts: { confirmCommand: () => Promise.resolve(true) } });
    await conn.hostInfo();
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(isAlive(pid)).toBe(true);
    await conn.close();
    await waitFor(`the ext process ${pid} to exit`, () => !isAlive(pid), 5000);
  });

  it('runs nothing when the confirmation is refused or cannot be asked', async () => {
    await writeFile(pidFile, '');
    await expect(openUri(`test+ext:///default?command=${command}`, { prompts: { confirmCommand: () => Promise.resolve(false) } }))
      .rejects.toMatchObject({ code: 'EDECLINED' });
    await expect(openUri(`test+ext:///default?command=${command}`)).rejects.toBeInstanceOf(TransportError);
    expect(await readFile(pidFile, 'utf8')).toBe('');
  });

  it('says why when the command cannot run or dies', async () => {
    const yes = { prompts: { confirmCommand: () => Promise.resolve(true) } };
    await expect(openUri(`test+ext:///default?command=${join(dir, 'missing')}`, yes)).rejects.toThrow(/cannot run it/);
    const failing = join(dir, 'failing');
    await writeFile(failing, '#!/bin/sh\necho "no route to the daemon" >&2\nexit 3\n');
    await chmod(failing, 0o755);
    await expect(openUri(`test+ext:///default?command=${failing}`, yes)).rejects.toThrow(/exited with status 3: no route to the daemon/);
  });
});
