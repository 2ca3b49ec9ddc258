import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import type { Connection, DomainRef } from '../../../electron/libvirt';
import { ensureCliBuilt, spawnCli } from '../../helpers/cli';
import { waitFor } from '../../helpers/process';
import { consoleTcgDomainXml, removeTestDomains, TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';

/**
 * The serial console of a real TCG VM, read through `virtdeck-cli console` over every
 * transport: SeaBIOS's banner comes through, and destroying the VM ends the console.
 */
const harness = inject('harness');
const name = `${TEST_DOMAIN_PREFIX}console-${process.pid}`;
const qemuUris = {
  unix: harness.uris.qemu,
  tcp: `qemu+tcp://127.0.0.1:${harness.libvirtd.tcpPort}/system`,
  tls: `qemu+tls://127.0.0.1:${harness.libvirtd.tlsPort}/system?pkipath=${harness.pki.clientPkiPath}`,
  ssh:
    `qemu+libssh://${harness.sshd.user}@127.0.0.1:${harness.sshd.port}/system` +
    `?socket=${harness.libvirtd.unixSocket}&keyfile=${harness.sshd.userKey}&known_hosts=${harness.sshd.knownHosts}&sshauth=privkey`,
} as const;

let conn: Connection;
let dom: DomainRef;

beforeAll(async () => {
  await ensureCliBuilt();
  conn = await openUri(harness.uris.qemu);
  dom = await conn.createDomain(await conn.defineDomain(consoleTcgDomainXml(name)));
}, 120_000);
afterAll(async () => {
  await conn.close();
  await removeTestDomains(harness.uris.qemu);
});

interface LiveConsole {
  readonly child: ChildProcessWithoutNullStreams;
  output(): string;
  stderr(): string;
  exited: Promise<number | null>;
}

function startConsole(uri: string, ...extra: string[]): LiveConsole {
  const child = spawnCli(['console', name, '-c', uri, ...extra]);
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString('latin1'); });
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => { child.once('exit', (code) => { resolve(code); }); });
  return { child, output: () => out, stderr: () => err, exited };
}

describe('virtdeck-cli console on a real VM', () => {
  for (const [transport, uri] of Object.entries(qemuUris)) {
    it(`reads SeaBIOS's banner over ${transport}, and leaves when its input ends`, async () => {
      const live = startConsole(uri);
      try {
        await waitFor(`SeaBIOS's banner over ${transport}`, () => live.output().includes('SeaBIOS'), 60_000, () => `stdout: ${JSON.stringify(live.output().slice(-300))}, stderr: ${live.stderr()}`);
        live.child.stdin.end();
        expect(await live.exited).toBe(0);
        expect(live.stderr()).toBe('');
      } finally {
        live.child.kill();
      }
    }, 90_000);
  }

  it('refuses a device the domain does not have, naming it', async () => {
    const live = startConsole(qemuUris.unix, '--devname', 'serial7');
    expect(await live.exited).toBe(1);
    expect(live.stderr()).toMatch(/serial7/);
  }, 30_000);

  it('ends at once, and cleanly, when the VM is destroyed', async () => {
    const live = startConsole(qemuUris.unix);
    try {
      await waitFor('console output', () => live.output().includes('SeaBIOS'), 60_000, () => live.stderr());
      await conn.destroyDomain(dom);
      const destroyedAt = Date.now();
      const code = await live.exited;
      const tookMs = Date.now() - destroyedAt;
      console.log(`console ended ${tookMs} ms after the destroy returned`);
      expect(code).toBe(0);
      expect(live.stderr()).toBe('');
    } finally {
      live.child.kill();
    }
  }, 90_000);
});
