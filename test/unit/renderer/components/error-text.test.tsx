import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ErrorText, errorAdvice } from '../../../../renderer/components/ErrorText';
import type { AppError } from '../../../../shared/errors';

const changed: AppError = {
  kind: 'host-key',
  message: 'cannot connect to 127.0.0.1:2222: the host key has CHANGED',
  hostKey: { reason: 'changed', host: '127.0.0.1', port: 2222, keyType: 'ssh-ed25519', fingerprint: 'SHA256:abc', knownHostsFile: '/home/a/.ssh/known_hosts', line: 7 },
};

describe('ErrorText tells the person what to do, by kind', () => {
  it('names the known_hosts file and line to check for a changed host key', () => {
    const advice = errorAdvice(changed);
    expect(advice).toContain('line 7 of /home/a/.ssh/known_hosts');
    expect(advice).toContain("ssh-keygen -R '[127.0.0.1]:2222' -f /home/a/.ssh/known_hosts");
  });

  it('names the certificate file a refusal is about', () => {
    expect(errorAdvice({ kind: 'certificate', message: 'refused', certificate: { reason: 'untrusted-server', file: '/etc/pki/CA/cacert.pem' } }))
      .toContain('the CA in /etc/pki/CA/cacert.pem');
    expect(errorAdvice({ kind: 'certificate', message: 'refused', certificate: { reason: 'client-refused', file: '/root/.pki/libvirt/clientcert.pem' } }))
      .toContain('client certificate /root/.pki/libvirt/clientcert.pem');
  });

  it('offers to retry with a password after an SSH login was refused', () => {
    const error: AppError = { kind: 'auth', message: 'authentication as bob failed (tried agent)', auth: { method: 'ssh', user: 'bob', passwordTried: false } };
    const html = renderToStaticMarkup(<ErrorText error={error} onRetry={() => undefined} />);
    expect(html).toContain('Retry with a password');
    expect(html).toContain('no password was tried');
    expect(html).toContain('data-error-kind="auth"');
  });

  it('shows the message and, for a libvirt error, its code', () => {
    const html = renderToStaticMarkup(<ErrorText error={{ kind: 'libvirt', code: 42, message: 'Domain not found' }} />);
    expect(html).toContain('Domain not found');
    expect(html).toContain('libvirt error code 42');
    expect(html).not.toContain('<button');
  });
});
