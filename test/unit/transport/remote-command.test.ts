import { describe, expect, it } from 'vitest';
import { libvirtRemoteCommand, shellQuote } from '../../../electron/libvirt/transport/ssh/remote-command';

// The expected strings are libvirt's own (tests/virnetsockettest.c, the SSH cases), less
// the ssh options and host that precede the command there.
const ncPart = (nc: string, socket: string): string =>
  `if ${nc} -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;${nc} $ARG -U ${socket}`;

describe("libvirt's remote command", () => {
  it('runs netcat on the socket with proxy=netcat', () => {
    expect(libvirtRemoteCommand({ proxy: 'netcat', netcat: 'nc', socketPath: '/tmp/socket', helperUri: 'qemu:///session', readOnly: true }))
      .toBe(`sh -c '${ncPart("'nc'", '/tmp/socket')}'`);
  });

  it('quotes a netcat path with spaces or quotes twice, as libvirt does', () => {
    expect(libvirtRemoteCommand({ proxy: 'netcat', netcat: 'n c', socketPath: '/tmp/socket', helperUri: 'x', readOnly: false }))
      .toBe(`sh -c '${ncPart("'''\\''n c'\\''''", '/tmp/socket')}'`);
    expect(libvirtRemoteCommand({ proxy: 'netcat', netcat: "n'c", socketPath: '/tmp/socket', helperUri: 'x', readOnly: false }))
      .toBe(`sh -c '${ncPart("'''\\''n'\\''\\'\\'''\\''c'\\''''", '/tmp/socket')}'`);
    expect(libvirtRemoteCommand({ proxy: 'netcat', netcat: 'n"c', socketPath: '/tmp/socket', helperUri: 'x', readOnly: false }))
      .toBe(`sh -c '${ncPart("'''\\''n\"c'\\''''", '/tmp/socket')}'`);
  });

  it('tries virt-ssh-helper, then netcat, with proxy=auto', () => {
    expect(libvirtRemoteCommand({ proxy: 'auto', netcat: undefined, socketPath: '/tmp/socket', helperUri: 'qemu:///session', readOnly: true })).toBe(
      "sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     virt-ssh-helper -r 'qemu:///session'; " +
        `else    ${ncPart("'nc'", '/tmp/socket')}; fi'`,
    );
  });

  it('runs only virt-ssh-helper with proxy=native, read-write without -r', () => {
    expect(libvirtRemoteCommand({ proxy: 'native', netcat: undefined, socketPath: '/x', helperUri: 'qemu:///session', readOnly: true }))
      .toBe("sh -c 'virt-ssh-helper -r 'qemu:///session''");
    expect(libvirtRemoteCommand({ proxy: 'native', netcat: undefined, socketPath: '/x', helperUri: 'qemu:///system', readOnly: false }))
      .toBe("sh -c 'virt-ssh-helper 'qemu:///system''");
  });

  it('takes netcat= under proxy=auto as a wish for netcat', () => {
    expect(libvirtRemoteCommand({ proxy: 'auto', netcat: 'nc', socketPath: '/s', helperUri: 'x', readOnly: false })).toBe(`sh -c '${ncPart("'nc'", '/s')}'`);
  });

  it('quotes for the shell only when needed', () => {
    expect(shellQuote('nc')).toBe('nc');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });
});
