import { describe, expect, it } from 'vitest';
import { TransportError } from '../../../electron/libvirt/errors';
import { directHostPipes } from '../../../electron/libvirt/transport/host-pipe';

/** Where a graphics listen address can be reached from, decided before any packet leaves. */
describe('pipes to a VNC server over a direct (tcp/tls) connection', () => {
  it('refuses a server that listens on a remote host\'s loopback, and says SSH reaches it', async () => {
    const open = directHostPipes({ kind: 'tls', host: 'virt.example', port: 16514, verified: true });
    const error = await open({ kind: 'address', address: '127.0.0.1', port: 5900 }).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).code).toBe('ELOCALONLY');
    expect((error as TransportError).message).toMatch(/loopback.*SSH/);
  });

  it('refuses a unix-socket listener, which only SSH can reach', async () => {
    const open = directHostPipes({ kind: 'tcp', host: 'virt.example', port: 16509 });
    await expect(open({ kind: 'socket', path: '/run/vnc.sock' })).rejects.toThrow(/only an SSH connection/);
  });

  it('reaches a wildcard listener at the URI\'s host (here loopback, so the refusal is the kernel\'s)', async () => {
    const open = directHostPipes({ kind: 'tcp', host: '127.0.0.1', port: 16509 });
    // Port 1 is closed on loopback: the error names the URI's host, proving which host was dialled.
    await expect(open({ kind: 'address', address: '0.0.0.0', port: 1 })).rejects.toThrow(/127\.0\.0\.1:1: connection refused/);
  });
});
