import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import { TransportError } from '../../../electron/libvirt';
import { startSilentServer, startTcpRelay, type TcpRelay } from '../../helpers/tcp-relay';
import { expectSameHostInfoAsVirsh } from './same-as-virsh';

const harness = inject('harness');

describe('unix and tcp transports', () => {
  let relay: TcpRelay;
  beforeAll(async () => { relay = await startTcpRelay('::1', '127.0.0.1', harness.libvirtd.tcpPort); });
  afterAll(async () => { await relay.close(); });

  it('opens test:///default over the unix socket named by socket=, as virsh sees it', async () => {
    const conn = await openUri(harness.uris.unix);
    try {
      expect(conn.transport).toEqual({ kind: 'unix', path: harness.libvirtd.unixSocket });
      await expectSameHostInfoAsVirsh(conn, harness.uris.unix);
    } finally {
      await conn.close();
    }
  });

  it('opens the read-only socket with mode and readOnly', async () => {
    const conn = await openUri(`test+unix:///default?socket=${harness.libvirtd.unixSocketRo}`, { readOnly: true });
    try {
      expect((await conn.hostInfo()).uri).toBe('test:///default');
    } finally {
      await conn.close();
    }
  });

  it('opens test:///default over tcp, as virsh sees it', async () => {
    const conn = await openUri(harness.uris.tcp);
    try {
      expect(conn.transport).toEqual({ kind: 'tcp', host: '127.0.0.1', port: harness.libvirtd.tcpPort });
      await expectSameHostInfoAsVirsh(conn, harness.uris.tcp);
    } finally {
      await conn.close();
    }
  });

  it('opens tcp over IPv6 on [::1], as virsh sees it', async () => {
    const uri = `test+tcp://[::1]:${relay.port}/default`;
    const conn = await openUri(uri);
    try {
      expect(conn.transport).toEqual({ kind: 'tcp', host: '::1', port: relay.port });
      await expectSameHostInfoAsVirsh(conn, uri);
    } finally {
      await conn.close();
    }
  });

  it('fails fast, naming host and port, when nothing listens', async () => {
    const silent = await startSilentServer();
    const port = silent.port;
    await silent.close();
    await expect(openUri(`test+tcp://127.0.0.1:${port}/default`)).rejects.toThrow(`cannot connect to 127.0.0.1:${port}: connection refused`);
  });

  it('gives up on a host that accepts and never answers within the handshake timeout, naming host and port', async () => {
    const silent = await startSilentServer();
    try {
      const started = Date.now();
      const opening = openUri(`test+tcp://127.0.0.1:${silent.port}/default`, { handshakeTimeoutMs: 400 });
      await expect(opening).rejects.toBeInstanceOf(TransportError);
      await expect(opening).rejects.toThrow(`127.0.0.1:${silent.port}`);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await silent.close();
    }
  });
});
