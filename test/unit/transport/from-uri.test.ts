import { describe, expect, it } from 'vitest';
import { parseUriOrThrow } from '../../../electron/libvirt/connect';
import { transportTargetFor, type TargetEnvironment } from '../../../electron/libvirt/transport/from-uri';
import { locatePkiFiles, SYSTEM_PKI } from '../../../electron/libvirt/transport/pki-files';

const user: TargetEnvironment = { isRoot: false, home: '/home/ada', runtimeDir: '/run/user/1000', exists: () => false };
const root: TargetEnvironment = { ...user, isRoot: true, home: '/root' };
const target = (text: string, env = user, readOnly = false): ReturnType<typeof transportTargetFor> =>
  transportTargetFor(parseUriOrThrow(text), readOnly, env);

describe('transport targets from URIs', () => {
  it('uses the default ports and keeps IPv6 hosts bare', () => {
    expect(target('qemu+tcp://[::1]/system')).toEqual({ kind: 'tcp', host: '::1', port: 16509 });
    expect(target('qemu+tls://host/system', root)).toMatchObject({ kind: 'tls', host: 'host', port: 16514, pki: SYSTEM_PKI, noVerify: false });
    expect(target('qemu://host:1234/system?no_verify=1', root)).toMatchObject({ kind: 'tls', port: 1234, noVerify: true });
  });

  it('picks the unix socket as libvirt does: the system socket, -ro when read-only, socket= first', () => {
    expect(target('qemu:///system', root)).toEqual({ kind: 'unix', path: '/var/run/libvirt/virtqemud-sock' });
    expect(target('qemu:///system', root, true)).toEqual({ kind: 'unix', path: '/var/run/libvirt/virtqemud-sock-ro' });
    expect(target('qemu:///system?mode=legacy', root)).toEqual({ kind: 'unix', path: '/var/run/libvirt/libvirt-sock' });
    expect(target('qemu:///session')).toEqual({ kind: 'unix', path: '/run/user/1000/libvirt/virtqemud-sock' });
    expect(target('qemu+unix:///system?socket=/tmp/s')).toEqual({ kind: 'unix', path: '/tmp/s' });
  });

  it('looks for a unix socket only when there is a choice to make', () => {
    const probed: string[] = [];
    const watching: TargetEnvironment = { ...root, exists: (path) => { probed.push(path); return path.endsWith('libvirt-sock'); } };
    // socket= names the one socket: connecting is the check, as for libvirt.
    expect(target('qemu+unix:///system?socket=/tmp/s', watching)).toEqual({ kind: 'unix', path: '/tmp/s' });
    expect(probed).toEqual([]);
    // mode=auto: the driver's own daemon if its socket is there, else libvirtd's.
    expect(target('qemu:///system', watching)).toEqual({ kind: 'unix', path: '/var/run/libvirt/libvirt-sock' });
    expect(probed).toEqual(['/var/run/libvirt/virtqemud-sock', '/var/run/libvirt/libvirt-sock']);
  });

  it('serves ssh, libssh and libssh2 with one target, netcat to the far socket when socket= is given', () => {
    for (const t of ['ssh', 'libssh', 'libssh2']) {
      expect(target(`qemu+${t}://admin@hv:2222/system?socket=/run/s&keyfile=/k&known_hosts=/kh&sshauth=privkey,password`, root)).toEqual({
        kind: 'ssh',
        host: 'hv',
        port: 2222,
        user: 'admin',
        keyFile: '/k',
        knownHostsFile: '/kh',
        knownHostsVerify: 'normal',
        authMethods: ['privkey', 'password'],
        remoteCommand: `sh -c 'if 'nc' -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;'nc' $ARG -U /run/s'`,
      });
    }
  });

  it('leaves the SSH port to ~/.ssh/config when the URI has none, and asks virt-ssh-helper for the daemon-side URI', () => {
    const ssh = target('qemu+ssh://hv/system', root, true);
    expect(ssh).toMatchObject({ kind: 'ssh', port: undefined, user: undefined });
    expect(ssh.kind === 'ssh' && ssh.remoteCommand).toContain("virt-ssh-helper -r 'qemu:///system'");
    expect(ssh.kind === 'ssh' && ssh.remoteCommand).toContain('-U /var/run/libvirt/libvirt-sock-ro');
  });

  it('maps no_verify=1 to taking new host keys', () => {
    expect(target('qemu+ssh://hv/system?no_verify=1', root)).toMatchObject({ knownHostsVerify: 'auto' });
  });

  it('runs the ext command alone', () => {
    expect(target('qemu+ext:///system?command=/usr/local/bin/proxy')).toEqual({ kind: 'ext', command: '/usr/local/bin/proxy' });
  });
});

describe('PKI files', () => {
  it('uses pkipath= alone', () => {
    expect(locatePkiFiles('/p', { isRoot: false, home: '/h', exists: () => true })).toEqual({
      caCert: '/p/cacert.pem', caCrl: '/p/cacrl.pem', clientCert: '/p/clientcert.pem', clientKey: '/p/clientkey.pem',
    });
  });

  it('uses the system files for root', () => {
    expect(locatePkiFiles(undefined, { isRoot: true, home: '/root', exists: () => true })).toEqual(SYSTEM_PKI);
  });

  it("falls back from the user's files: the CA alone, the certificate and key as a pair", () => {
    const present = new Set(['/h/.pki/libvirt/cacert.pem', '/h/.pki/libvirt/clientcert.pem']);
    expect(locatePkiFiles(undefined, { isRoot: false, home: '/h', exists: (p) => present.has(p) })).toEqual({
      caCert: '/h/.pki/libvirt/cacert.pem',
      caCrl: SYSTEM_PKI.caCrl,
      clientCert: SYSTEM_PKI.clientCert,
      clientKey: SYSTEM_PKI.clientKey,
    });
  });
});
