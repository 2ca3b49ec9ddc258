import { describe, expect, it } from 'vitest';
import { AuthFileError, credentialsFor, locateAuthFile } from '../../../electron/libvirt/auth/auth-file';
import { chooseMechanism, parseMechlist } from '../../../electron/libvirt/auth/mechanisms';
import { procedures } from '../../../electron/libvirt/protocol/procedures';
import { decode, encode } from '../../../electron/libvirt/xdr/codec';

const FILE = `# an admin's file
[credentials-lab]
authname=admin
password= s3cret=with=equals

[credentials-other]
username=bob
password=pw

[auth-libvirt-host1.example]
credentials=lab

[auth-libvirt-default]
credentials=other
`;

describe("libvirt's auth file", () => {
  it('picks [auth-libvirt-HOST], else [auth-libvirt-default], and reads the credentials it names', () => {
    expect(credentialsFor('f', FILE, 'libvirt', 'host1.example')?.values).toEqual(new Map([['authname', 'admin'], ['password', 's3cret=with=equals']]));
    expect(credentialsFor('f', FILE, 'libvirt', 'elsewhere')?.values.get('username')).toBe('bob');
    expect(credentialsFor('f', '[auth-ssh-h]\ncredentials=lab\n', 'libvirt', 'h')).toBeUndefined();
  });

  it('says what is wrong with a file libvirt would refuse', () => {
    expect(() => credentialsFor('/x/auth.conf', '[auth-libvirt-h]\ncredentials=missing\n', 'libvirt', 'h')).toThrow('libvirt auth file /x/auth.conf: [auth-libvirt-h] names credentials "missing", but there is no [credentials-missing] group');
    expect(() => credentialsFor('f', 'password=x\n', 'libvirt', 'h')).toThrow(AuthFileError);
    expect(() => credentialsFor('f', '[auth-libvirt-h]\nnot a pair\n', 'libvirt', 'h')).toThrow(/line 2/);
  });

  it("is found where libvirt looks: authfile=, LIBVIRT_AUTH_FILE, XDG_CONFIG_HOME's, then /etc", () => {
    const where = (env: Record<string, string>, present: string[]) => ({ env, home: '/home/u', exists: (p: string) => present.includes(p) });
    expect(locateAuthFile('/p/a.conf', where({ LIBVIRT_AUTH_FILE: '/e.conf' }, []))).toBe('/p/a.conf');
    expect(locateAuthFile(undefined, where({ LIBVIRT_AUTH_FILE: '/e.conf' }, []))).toBe('/e.conf');
    expect(locateAuthFile(undefined, where({ XDG_CONFIG_HOME: '/x' }, ['/x/libvirt/auth.conf', '/etc/libvirt/auth.conf']))).toBe('/x/libvirt/auth.conf');
    expect(locateAuthFile(undefined, where({}, ['/home/u/.config/libvirt/auth.conf']))).toBe('/home/u/.config/libvirt/auth.conf');
    expect(locateAuthFile(undefined, where({}, ['/etc/libvirt/auth.conf']))).toBe('/etc/libvirt/auth.conf');
    expect(locateAuthFile(undefined, where({}, []))).toBeUndefined();
  });
});

describe('SASL mechanism choice', () => {
  it('prefers SCRAM-SHA-256, then SCRAM-SHA-1; PLAIN only on a confidential channel', () => {
    expect(chooseMechanism(parseMechlist('PLAIN,SCRAM-SHA-1,SCRAM-SHA-256'), false)).toMatchObject({ ok: true, mechanism: { name: 'SCRAM-SHA-256' } });
    expect(chooseMechanism(['PLAIN', 'SCRAM-SHA-1'], false)).toMatchObject({ ok: true, mechanism: { name: 'SCRAM-SHA-1' } });
    expect(chooseMechanism(['PLAIN'], true)).toMatchObject({ ok: true, mechanism: { name: 'PLAIN' } });
    expect(chooseMechanism(['PLAIN'], false)).toEqual({ ok: false, why: 'plain-unencrypted', mechanism: 'PLAIN' });
  });

  it('takes DIGEST-MD5 only where the daemon needs no security layer, and knows nothing of GSSAPI', () => {
    expect(chooseMechanism(['DIGEST-MD5'], true)).toMatchObject({ ok: true, mechanism: { name: 'DIGEST-MD5' } });
    expect(chooseMechanism(['DIGEST-MD5', 'GSSAPI'], false)).toEqual({ ok: false, why: 'security-layer', mechanism: 'DIGEST-MD5' });
    expect(chooseMechanism(parseMechlist('GSSAPI'), true)).toEqual({ ok: false, why: 'none-known' });
  });
});

describe("SASL's char data<> on the wire", () => {
  it('puts each byte in its own 4-byte word, as libvirtd reads it (checked against the real daemon)', () => {
    const wire = encode(procedures.authSaslStep.args, { nil: 0, data: Buffer.from([0x6e, 0xff]) });
    expect([...wire]).toEqual([0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0x6e, 0xff, 0xff, 0xff, 0xff]);
    const back = decode(procedures.authSaslStep.ret, Buffer.from([0, 0, 0, 1, ...wire]));
    expect(back).toEqual({ complete: 1, nil: 0, data: Buffer.from([0x6e, 0xff]) });
  });
});
