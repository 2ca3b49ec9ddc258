import { describe, expect, test } from 'vitest';
import { parseLibvirtUri, type LibvirtUri } from '../../../shared/uri';
import {
  connectOpenFlags, defaultUnixSocketPath, effectiveSshProxy, unixSocketPlan, usesSessionDaemon,
} from '../../../electron/libvirt/transport/sockets';

function parsed(text: string): LibvirtUri {
  const r = parseLibvirtUri(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.uri;
}

const user = { isRoot: false, readOnly: false, runtimeDir: '/run/user/1000' };
const root = { isRoot: true, readOnly: false, runtimeDir: '/run/user/0' };

describe('unix sockets', () => {
  test('system sockets live in /var/run/libvirt, with a read-only twin', () => {
    expect(defaultUnixSocketPath({ daemon: 'legacy', driver: 'qemu', session: false, readOnly: false, runtimeDir: '/x' })).toBe('/var/run/libvirt/libvirt-sock');
    expect(defaultUnixSocketPath({ daemon: 'legacy', driver: 'qemu', session: false, readOnly: true, runtimeDir: '/x' })).toBe('/var/run/libvirt/libvirt-sock-ro');
    expect(defaultUnixSocketPath({ daemon: 'direct', driver: 'qemu', session: false, readOnly: false, runtimeDir: '/x' })).toBe('/var/run/libvirt/virtqemud-sock');
  });

  test('session sockets live in the runtime directory and have no read-only twin', () => {
    expect(defaultUnixSocketPath({ daemon: 'direct', driver: 'qemu', session: true, readOnly: true, runtimeDir: '/run/user/1000/' })).toBe('/run/user/1000/libvirt/virtqemud-sock');
    expect(defaultUnixSocketPath({ daemon: 'legacy', driver: 'qemu', session: true, readOnly: false, runtimeDir: '/run/user/1000' })).toBe('/run/user/1000/libvirt/libvirt-sock');
  });

  test('a session is /session or test+transport, for a user other than root', () => {
    expect(usesSessionDaemon(parsed('qemu:///session'), false)).toBe(true);
    expect(usesSessionDaemon(parsed('qemu:///session'), true)).toBe(false);
    expect(usesSessionDaemon(parsed('test+unix:///default'), false)).toBe(true);
    expect(usesSessionDaemon(parsed('qemu:///system'), false)).toBe(false);
  });

  test('mode=auto over unix tries the driver daemon, then libvirtd', () => {
    expect(unixSocketPlan(parsed('qemu:///system'), root)).toEqual({
      ok: true, session: false,
      candidates: [{ daemon: 'direct', path: '/var/run/libvirt/virtqemud-sock' }, { daemon: 'legacy', path: '/var/run/libvirt/libvirt-sock' }],
    });
  });

  test('socket= overrides every default, mode=legacy keeps only libvirtd', () => {
    expect(unixSocketPlan(parsed('qemu+unix:///system?socket=/tmp/s'), user)).toMatchObject({ ok: true, candidates: [{ path: '/tmp/s', daemon: undefined }] });
    expect(unixSocketPlan(parsed('qemu:///session?mode=legacy'), user)).toMatchObject({ ok: true, session: true, candidates: [{ path: '/run/user/1000/libvirt/libvirt-sock' }] });
  });

  test('over ssh the far side is assumed to run libvirtd, and network transports need no socket', () => {
    expect(unixSocketPlan(parsed('qemu+ssh://h/system'), { ...root, readOnly: true })).toMatchObject({ ok: true, candidates: [{ path: '/var/run/libvirt/libvirt-sock-ro' }] });
    expect(unixSocketPlan(parsed('qemu+tls://h/system'), root)).toMatchObject({ ok: true, candidates: [] });
  });

  test('the read-only flag of CONNECT_OPEN is 1', () => {
    expect(connectOpenFlags(true)).toBe(1);
    expect(connectOpenFlags(false)).toBe(0);
  });
});

describe('the ssh proxy', () => {
  test('is auto for system, native for a session, netcat with socket= or netcat=', () => {
    expect(effectiveSshProxy(parsed('qemu+ssh://h/system'), false)).toBe('auto');
    expect(effectiveSshProxy(parsed('qemu+ssh://h/session'), false)).toBe('native');
    expect(effectiveSshProxy(parsed('qemu+ssh://h/system?socket=/s'), false)).toBe('netcat');
    expect(effectiveSshProxy(parsed('qemu+ssh://h/system?netcat=/bin/nc'), false)).toBe('netcat');
    expect(effectiveSshProxy(parsed('qemu+ssh://h/system?proxy=native'), false)).toBe('native');
  });
});
