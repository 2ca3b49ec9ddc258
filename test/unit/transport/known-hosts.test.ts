import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyTypeOf, sha256Fingerprint } from '../../../electron/libvirt/transport/ssh/host-key';
import { knownHostsName, knownKeyTypes, parseKnownHosts, patternsMatch, verifyHostKey } from '../../../electron/libvirt/transport/ssh/known-hosts';

function blob(type: string, body = randomBytes(32)): Buffer {
  const t = Buffer.from(type);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(t.length);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([head, t, len, body]);
}

const line = (hosts: string, key: Buffer, marker = ''): string => `${marker}${marker ? ' ' : ''}${hosts} ${keyTypeOf(key)} ${key.toString('base64')}`;

describe('known_hosts', () => {
  const key = blob('ssh-ed25519');
  const other = blob('ssh-ed25519');
  const rsa = blob('ssh-rsa');

  it('files hosts on port 22 by name and others as [host]:port', () => {
    expect(knownHostsName('example.org', 22)).toBe('example.org');
    expect(knownHostsName('::1', 2222)).toBe('[::1]:2222');
  });

  it('matches patterns with wildcards, lists and negation', () => {
    expect(patternsMatch('a.example.org,b.example.org', 'b.example.org')).toBe(true);
    expect(patternsMatch('*.example.org', 'host.example.org')).toBe(true);
    expect(patternsMatch('*.example.org,!bad.example.org', 'bad.example.org')).toBe(false);
    expect(patternsMatch('host?', 'host1')).toBe(true);
    expect(patternsMatch('[127.0.0.1]:2222', '[127.0.0.1]:2222')).toBe(true);
    expect(patternsMatch('127.0.0.1', '[127.0.0.1]:2222')).toBe(false);
  });

  it('matches hashed entries', () => {
    const salt = randomBytes(20);
    const hash = createHmac('sha1', salt).update('[10.0.0.1]:2200').digest('base64');
    expect(patternsMatch(`|1|${salt.toString('base64')}|${hash}`, '[10.0.0.1]:2200')).toBe(true);
    expect(patternsMatch(`|1|${salt.toString('base64')}|${hash}`, '10.0.0.1')).toBe(false);
  });

  it('tells known, unknown, changed, other-type and revoked keys apart', () => {
    const entries = parseKnownHosts([
      '# comment',
      '',
      line('known.example,10.1.1.1', key),
      line('[changed.example]:2222', other),
      line('rsa-only.example', rsa),
      line('revoked.example', key, '@revoked'),
      line('revoked.example', key),
      line('*.example', key, '@cert-authority'),
    ].join('\n'));
    expect(verifyHostKey(entries, '10.1.1.1', 22, key)).toEqual({ status: 'known' });
    expect(verifyHostKey(entries, 'nobody.example', 22, key)).toEqual({ status: 'unknown' });
    expect(verifyHostKey(entries, 'changed.example', 2222, key)).toEqual({ status: 'changed', line: 4 });
    expect(verifyHostKey(entries, 'rsa-only.example', 22, key)).toEqual({ status: 'other-type', knownTypes: ['ssh-rsa'] });
    expect(verifyHostKey(entries, 'revoked.example', 22, key)).toEqual({ status: 'revoked' });
    expect(knownKeyTypes(entries, 'rsa-only.example', 22)).toEqual(['ssh-rsa']);
  });

  it('prints fingerprints as OpenSSH does: SHA256 and unpadded base64', () => {
    const fp = sha256Fingerprint(key);
    expect(fp).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});
