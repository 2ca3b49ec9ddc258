import { describe, expect, it } from 'vitest';
import { ScramClient, ScramError } from '../../../electron/libvirt/auth/scram';
import { DigestMd5Client, DigestMd5Error } from '../../../electron/libvirt/auth/digest-md5';

// The exchanges printed in RFC 5802 section 5 (SHA-1) and RFC 7677 section 3 (SHA-256).
describe('SCRAM client', () => {
  it('computes RFC 5802 example (SCRAM-SHA-1) byte for byte and accepts its server signature', () => {
    const client = new ScramClient('sha1', 'user', 'pencil', 'fyko+d2lbbFgONRv9qkxdawL');
    expect(client.firstMessage().toString()).toBe('n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL');
    const final = client.finalMessage(Buffer.from('r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096'));
    expect(final.toString()).toBe('c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=');
    expect(() => { client.verifyServerFinal(Buffer.from('v=rmF9pqV8S7suAoZWja4dJRkFsKQ=')); }).not.toThrow();
  });

  it('computes RFC 7677 example (SCRAM-SHA-256) and refuses a server signature that does not match', () => {
    const client = new ScramClient('sha256', 'user', 'pencil', 'rOprNGfwEbeRWgbNEkqO');
    const final = client.finalMessage(Buffer.from('r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096'));
    expect(final.toString()).toBe('c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=');
    expect(() => { client.verifyServerFinal(Buffer.from('v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')); }).not.toThrow();
    expect(() => { client.verifyServerFinal(Buffer.from('v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=')); }).toThrow(/signature is wrong/);
  });

  it('escapes = and , in the user name and refuses a server nonce that does not extend ours', () => {
    const client = new ScramClient('sha256', 'a=b,c', 'pw', 'abc');
    expect(client.firstMessage().toString()).toBe('n,,n=a=3Db=2Cc,r=abc');
    expect(() => client.finalMessage(Buffer.from('r=xyz123,s=c2FsdA==,i=4096'))).toThrow(ScramError);
  });

  it('bounds the iteration count a server can demand, and reports a server error attribute', () => {
    const client = new ScramClient('sha256', 'u', 'pw', 'abc');
    expect(() => client.finalMessage(Buffer.from('r=abcdef,s=c2FsdA==,i=999999999'))).toThrow(/iterations/);
    expect(() => client.finalMessage(Buffer.from('e=unknown-user'))).toThrow(/unknown-user/);
  });
});

describe('DIGEST-MD5 client (authentication only)', () => {
  it('answers RFC 2831 section 4 example and checks its rspauth', () => {
    const client = new DigestMd5Client('chris', 'secret', 'imap/elwood.innosoft.com', 'OA6MHXh6VqTrRk');
    const response = client.respond(Buffer.from('realm="elwood.innosoft.com",nonce="OA6MG9tEQGm2hh",qop="auth",algorithm=md5-sess,charset=utf-8')).toString();
    expect(response).toContain('response=d388dad90d4bbd760a152321f2143af7');
    expect(response).toContain('qop=auth');
    expect(() => { client.verify(Buffer.from('rspauth=ea40f60335c427b5527b84dbabcdfffd')); }).not.toThrow();
    expect(() => { client.verify(Buffer.from('rspauth=00000000000000000000000000000000')); }).toThrow(DigestMd5Error);
  });

  it('refuses a challenge that offers only a security layer (auth-int, auth-conf)', () => {
    const client = new DigestMd5Client('u', 'p', 'libvirt/h');
    expect(() => client.respond(Buffer.from('nonce="n",qop="auth-int,auth-conf",cipher="rc4",algorithm=md5-sess')))
      .toThrow(expect.objectContaining({ reason: 'security-layer' }));
  });
});
