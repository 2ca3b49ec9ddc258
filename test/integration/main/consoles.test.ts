import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createMainServices, type MainServices } from '../../../electron/main/services';
import { Owner } from '../../../electron/main/ipc/owner';
import type { InvokeChannel, InvokeResult, WireResult } from '../../../shared/ipc';
import { memoryStore, RecordingSink, TEST_APP_INFO } from '../../helpers/main-services';
import { waitFor } from '../../helpers/process';
import { consoleTcgDomainXml, removeTestDomains, TEST_DOMAIN_PREFIX } from '../../helpers/test-domains';
import { virsh } from '../../helpers/virsh';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Main's console channels on a real VM: bytes flow only as fast as they are acknowledged,
 * each console belongs to its owner (a page) and closes when that owner goes, and VNC is reached
 * over the connection's own transport.
 */
const harness = inject('harness');
const name = `${TEST_DOMAIN_PREFIX}main-console-${process.pid}`;
const lockedName = `${TEST_DOMAIN_PREFIX}main-vnc-pw-${process.pid}`;
const VNC_PASSWORD = 'Vd7-sEcr';
let services: MainServices;
let sink: RecordingSink;
let connectionId: string;
let uuid: string;
let dir: string;
/** The pages calling: a window, and two bridge sockets. */
const page = new Owner('window 1');
const socket1 = new Owner('bridge socket 1');
const socket2 = new Owner('bridge socket 2');

async function call<C extends InvokeChannel>(channel: C, args: unknown[], owner = page): Promise<InvokeResult<C>> {
  const result = (await services.dispatch(channel, args, owner)) as WireResult<C>;
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.kind}: ${result.error.message}`);
  return result.value;
}

function received(consoleId: string): string {
  return sink.of('console.data').filter((d) => d.consoleId === consoleId).map((d) => Buffer.from(d.data, 'base64').toString('latin1')).join('');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'virtdeck-main-console-'));
  await writeFile(join(dir, 'domain.xml'), consoleTcgDomainXml(name));
  await virsh(harness.uris.qemu, 'define', join(dir, 'domain.xml'));
  await virsh(harness.uris.qemu, 'start', name);
  await writeFile(join(dir, 'locked.xml'), consoleTcgDomainXml(lockedName, VNC_PASSWORD));
  await virsh(harness.uris.qemu, 'define', join(dir, 'locked.xml'));
  await virsh(harness.uris.qemu, 'start', lockedName);
  uuid = (await virsh(harness.uris.qemu, 'domuuid', name)).trim();
  sink = new RecordingSink();
  services = await createMainServices({ store: memoryStore(), sink, appInfo: TEST_APP_INFO });
  const profile = await call('connections.add', [{ uri: `qemu+tcp://127.0.0.1:${harness.libvirtd.tcpPort}/system`, name: 'tcg', autoconnect: false, reconnect: false }]);
  connectionId = profile.id;
  await call('connections.open', [connectionId]);
}, 120_000);

afterAll(async () => {
  await services.dispose();
  await removeTestDomains(harness.uris.qemu);
  await rm(dir, { recursive: true, force: true });
});

describe('consoles through main', () => {
  it('lists the serial devices and the VNC listen address from the live XML', async () => {
    const found = await call('consoles.devices', [connectionId, uuid]);
    expect(found.serial.map((d) => d.alias)).toContain('serial0');
    expect(found.vnc).toMatchObject({ kind: 'address', address: '127.0.0.1' });
  });

  it('sends nothing before the first acknowledgement, then the guest output', async () => {
    const { consoleId } = await call('consoles.openSerial', [connectionId, uuid, { force: false }]);
    // SeaBIOS prints every second; a second's wait would have brought bytes.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(received(consoleId)).toBe('');
    await call('consoles.ack', [consoleId, 0]);
    await waitFor('the banner', () => received(consoleId).includes('SeaBIOS'), 30_000, () => received(consoleId));
    await call('consoles.close', [consoleId]);
    await waitFor('the close event', () => sink.of('console.closed').some((c) => c.consoleId === consoleId), 10_000);
  });

  it('closes a console when its owner goes, and leaves another owner\'s open', async () => {
    const mine = await call('consoles.openVnc', [connectionId, uuid], socket1);
    const theirs = await call('consoles.openVnc', [connectionId, uuid], socket2);
    await call('consoles.ack', [mine.consoleId, 0], socket1);
    await call('consoles.ack', [theirs.consoleId, 0], socket2);
    // The VNC server speaks first: its RFB version.
    await waitFor('the RFB greeting', () => received(mine.consoleId).startsWith('RFB 003.'), 10_000);
    socket1.release();
    await waitFor('the close event', () => sink.of('console.closed').some((c) => c.consoleId === mine.consoleId), 10_000);
    expect(sink.of('console.closed').find((c) => c.consoleId === mine.consoleId)?.end).toEqual({ kind: 'closed' });
    expect(sink.of('console.closed').some((c) => c.consoleId === theirs.consoleId)).toBe(false);
    await call('consoles.write', [theirs.consoleId, Buffer.from('RFB 003.008\n').toString('base64')], socket2);
    await call('consoles.close', [theirs.consoleId], socket2);
  });

  it('asks a VNC password through the prompt port, says a wrong one is wrong, and hands the page a server that asks nothing', async () => {
    const lockedUuid = (await virsh(harness.uris.qemu, 'domuuid', lockedName)).trim();
    const asked = sink.of('prompt.request').length;
    const { consoleId } = await call('consoles.openVnc', [connectionId, lockedUuid]);
    await call('consoles.ack', [consoleId, 0]);
    const question = async (n: number) => {
      await waitFor(`question ${String(n)}`, () => sink.of('prompt.request').length >= asked + n, 15_000);
      const prompt = sink.of('prompt.request')[asked + n - 1];
      if (prompt === undefined) throw new Error('no question');
      return prompt;
    };
    const first = await question(1);
    expect(first.request).toEqual({ kind: 'vnc-password', domain: lockedName, attempt: 1 });
    await call('prompts.answer', [first.id, { kind: 'secret', value: 'wrong-pw' }]);
    const second = await question(2);
    expect(second.request).toEqual({ kind: 'vnc-password', domain: lockedName, attempt: 2 });
    await call('prompts.answer', [second.id, { kind: 'secret', value: VNC_PASSWORD }]);
    // The page's side of RFB 3.8 against main's front: version, security None, result OK.
    const bytes = (): Buffer => Buffer.from(received(consoleId), 'latin1');
    await waitFor('the greeting', () => bytes().length >= 12, 15_000);
    expect(bytes().subarray(0, 12).toString('latin1')).toBe('RFB 003.008\n');
    await call('consoles.write', [consoleId, Buffer.from('RFB 003.008\n').toString('base64')]);
    await waitFor('the security types', () => bytes().length >= 14, 5000);
    expect([...bytes().subarray(12, 14)]).toEqual([1, 1]);
    await call('consoles.write', [consoleId, Buffer.from([1]).toString('base64')]);
    await waitFor('the security result', () => bytes().length >= 18, 5000);
    expect(bytes().readUInt32BE(14)).toBe(0);
    // ClientInit (shared); the real server answers with ServerInit: its screen's size first.
    await call('consoles.write', [consoleId, Buffer.from([1]).toString('base64')]);
    await waitFor('the ServerInit', () => bytes().length >= 22, 10_000);
    expect(bytes().readUInt16BE(18)).toBeGreaterThan(0);
    expect(bytes().readUInt16BE(20)).toBeGreaterThan(0);
    await call('consoles.close', [consoleId]);
  });

  it('ends the serial console with an "ended" event when the VM is destroyed', async () => {
    const { consoleId } = await call('consoles.openSerial', [connectionId, uuid, { force: false }]);
    await call('consoles.ack', [consoleId, 0]);
    await waitFor('console bytes', () => received(consoleId).length > 0, 30_000);
    await virsh(harness.uris.qemu, 'destroy', name);
    await waitFor('the end event', () => sink.of('console.closed').some((c) => c.consoleId === consoleId), 10_000);
    expect(sink.of('console.closed').find((c) => c.consoleId === consoleId)?.end).toEqual({ kind: 'ended' });
  });
});
