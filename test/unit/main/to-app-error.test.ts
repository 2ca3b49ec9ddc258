import { describe, expect, it } from 'vitest';
import {
  AuthError, CallTimeoutError, CertificateError, ConnectionClosedError, HostKeyError, LibvirtError, ProtocolError, TransportError,
  UnsupportedUriError, UriParseError,
} from '../../../electron/libvirt';
import { AppFailure } from '../../../electron/main/app-failure';
import { toAppError } from '../../../electron/main/ipc/to-app-error';
import { parseLibvirtUri } from '../../../shared/uri';

describe('toAppError maps the library\'s closed family kind by kind', () => {
  it('gives a changed host key the file and line to check', () => {
    const error = new HostKeyError('h', 2222, { reason: 'changed', keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', knownHostsFile: '/k', line: 3 }, 'changed');
    expect(toAppError(error)).toEqual({
      kind: 'host-key',
      message: 'cannot connect to h:2222: changed',
      hostKey: { reason: 'changed', host: 'h', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:x', knownHostsFile: '/k', line: 3 },
    });
  });

  it('names the certificate file: the CA for a server refusal, ours for a client refusal', () => {
    expect(toAppError(new CertificateError('h:16514', { reason: 'name-mismatch', caFile: '/ca.pem', host: 'h' }, 'no'))).toMatchObject({ kind: 'certificate', certificate: { reason: 'name-mismatch', file: '/ca.pem' } });
    expect(toAppError(new CertificateError('h:16514', { reason: 'client-refused', clientCertFile: '/c.pem' }, 'no'))).toMatchObject({ kind: 'certificate', certificate: { reason: 'client-refused', file: '/c.pem' } });
  });

  it('says whether a refused SSH login tried a password', () => {
    const failure = { kind: 'ssh-rejected', user: 'bob', host: 'h', port: 22 } as const;
    expect(toAppError(new AuthError({ ...failure, tried: ['agent', 'password'] }, 'no'))).toEqual({ kind: 'auth', message: 'no', auth: { method: 'ssh', user: 'bob', passwordTried: true } });
    expect(toAppError(new AuthError({ ...failure, tried: ['agent'] }, 'no'))).toMatchObject({ auth: { passwordTried: false } });
    expect(toAppError(new AuthError({ kind: 'unsupported-auth-type', offered: [2] }, 'no'))).toMatchObject({ kind: 'auth', auth: { method: 'unsupported' } });
    expect(toAppError(new AuthError({ kind: 'sasl-rejected', mechanism: 'SCRAM-SHA-256', user: 'bob', detail: 'x' }, 'no'))).toMatchObject({ kind: 'auth', auth: { method: 'sasl', problem: 'rejected' } });
    expect(toAppError(new AuthError({ kind: 'polkit-denied', action: 'org.libvirt.unix.manage', detail: 'x' }, 'no'))).toMatchObject({ kind: 'auth', auth: { method: 'polkit', action: 'org.libvirt.unix.manage' } });
  });

  it('keeps libvirt\'s code, and only there', () => {
    expect(toAppError(new LibvirtError(42, 10, 2, 'Domain not found'))).toEqual({ kind: 'libvirt', code: 42, message: 'Domain not found' });
    expect(toAppError(new TransportError('h:1', 'ECONNREFUSED', 'connection refused'))).toEqual({ kind: 'transport', message: 'cannot connect to h:1: connection refused' });
  });

  it('maps every other member to its own kind, and anything else to internal', () => {
    expect(toAppError(new ProtocolError('bad')).kind).toBe('protocol');
    expect(toAppError(new ConnectionClosedError({ kind: 'local' })).kind).toBe('closed');
    // A close the peer caused by breaking the protocol, or by going silent, is told as that.
    expect(toAppError(new ConnectionClosedError({ kind: 'protocol', error: new ProtocolError('bad') }))).toEqual({ kind: 'protocol', message: 'connection to libvirtd closed: protocol error: bad' });
    expect(toAppError(new ConnectionClosedError({ kind: 'keepalive-timeout', silentMs: 1250 }))).toEqual({ kind: 'timeout', message: 'connection to libvirtd closed: no answer from the daemon for 1250 ms (keepalive)' });
    expect(toAppError(new ConnectionClosedError({ kind: 'peer-ended' })).kind).toBe('closed');
    expect(toAppError(new CallTimeoutError('domainGetInfo', 5)).kind).toBe('timeout');
    expect(toAppError(new UnsupportedUriError('x://', 'no')).kind).toBe('unsupported');
    const parsed = parseLibvirtUri('not a uri');
    if (parsed.ok) throw new Error('expected a refusal');
    expect(toAppError(new UriParseError('not a uri', parsed.error))).toEqual({ kind: 'invalid-uri', message: parsed.error.message });
    expect(toAppError(new AppFailure('settings', 'cannot save'))).toEqual({ kind: 'settings', message: 'cannot save' });
    expect(toAppError(new Error('a bug'))).toEqual({ kind: 'internal', message: 'a bug' });
  });
});
