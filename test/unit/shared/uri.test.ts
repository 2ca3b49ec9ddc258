import { describe, expect, test } from 'vitest';
import { corpus } from './uri-corpus';
import { formatLibvirtUri, parseLibvirtUri, type LibvirtUri } from '../../../shared/uri';

function parsed(text: string): LibvirtUri {
  const r = parseLibvirtUri(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.kind}: ${r.error.message}`);
  return r.uri;
}

describe('the URI corpus', () => {
  for (const entry of corpus) {
    if ('error' in entry) {
      test(`refuses ${JSON.stringify(entry.uri)} as ${entry.error}`, () => {
        const r = parseLibvirtUri(entry.uri);
        expect(r.ok ? r.uri : r.error).toMatchObject({ kind: entry.error });
        if (r.ok) return;
        expect(r.error.message.length).toBeGreaterThan(10);
        expect(r.error.offset).toBeGreaterThanOrEqual(0);
        expect(r.error.offset + r.error.length).toBeLessThanOrEqual(Math.max(entry.uri.length, 1));
        if (entry.param !== undefined) expect(r.error.param).toBe(entry.param);
        if (entry.offset !== undefined) expect(r.error.offset).toBe(entry.offset);
      });
    } else {
      test(`reads ${JSON.stringify(entry.uri)}`, () => {
        const uri = parsed(entry.uri);
        expect(uri).toMatchObject(entry.ok);
        if (entry.warnings !== undefined) expect(uri.warnings.map((w) => w.kind)).toEqual(entry.warnings);
      });
    }
  }

  test('has at least 60 entries and covers every error kind', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(corpus.flatMap((e) => ('error' in e ? [e.error] : [])));
    expect([...kinds].sort()).toEqual([
      'bad-encoding', 'bad-host', 'bad-param', 'bad-path', 'bad-port', 'bad-user', 'conflict', 'empty',
      'missing-host', 'missing-param', 'missing-slash', 'no-driver', 'syntax', 'unix-with-host', 'unknown-transport',
    ]);
  });

  test('every accepted corpus URI formats to text that parses to the same meaning', () => {
    for (const entry of corpus) {
      const r = parseLibvirtUri(entry.uri);
      if (!r.ok) continue;
      const again = parsed(formatLibvirtUri(r.uri));
      const pick = (u: LibvirtUri) => [u.driver, u.transport, u.user, u.host, u.port, u.path, u.fragment, u.params, u.daemonName, u.servedBy];
      expect(pick(again), entry.uri).toEqual(pick(r.uri));
    }
  });
});

describe('error messages', () => {
  test('an unknown transport names the URI and the transports to choose from', () => {
    const r = parseLibvirtUri('qemu+sshh://host/system');
    expect(r.ok ? '' : r.error.message).toBe(
      "unknown transport 'sshh' in qemu+sshh://host/system; expected one of unix, tcp, tls, ssh, libssh2, libssh, ext",
    );
  });

  test('a refused character is located and its escape suggested', () => {
    const text = 'qemu+ssh://h/system?keyfile=/home/me/my key';
    const r = parseLibvirtUri(text);
    expect(r.ok ? undefined : r.error).toMatchObject({ kind: 'syntax', part: 'query', offset: text.indexOf(' '), length: 1 });
    expect(r.ok ? '' : r.error.message).toContain('%20');
  });

  test('a bad parameter value points at that parameter', () => {
    const text = 'qemu+ssh://h/system?x=1&proxy=nc';
    const r = parseLibvirtUri(text);
    expect(r.ok ? undefined : r.error).toMatchObject({ kind: 'bad-param', param: 'proxy', offset: text.indexOf('proxy'), length: 8 });
    expect(r.ok ? '' : r.error.message).toContain('auto, netcat, native');
  });
});

describe('formatLibvirtUri', () => {
  test('builds the preview of the Add Connection dialog', () => {
    expect(formatLibvirtUri({ driver: 'qemu', transport: 'ssh', user: 'root', host: 'kvm1', port: 2222, path: '/system', params: [{ name: 'keyfile', value: '/home/me/.ssh/id_ed25519' }] }))
      .toBe('qemu+ssh://root@kvm1:2222/system?keyfile=/home/me/.ssh/id_ed25519');
    expect(formatLibvirtUri({ driver: 'qemu', path: '/system' })).toBe('qemu:///system');
    expect(formatLibvirtUri({ driver: 'test', path: 'default' })).toBe('test:///default');
  });

  test('brackets IPv6 addresses and escapes a zone', () => {
    expect(formatLibvirtUri({ driver: 'qemu', transport: 'tcp', host: 'fe80::1%eth0', path: '/system' })).toBe('qemu+tcp://[fe80::1%25eth0]/system');
  });

  test('escapes what would end a parameter early', () => {
    const text = formatLibvirtUri({ driver: 'qemu', host: 'h', path: '/system', params: [{ name: 'a&b', value: 'x;y=z #' }] });
    expect(text).toBe('qemu://h/system?a%26b=x%3By=z%20%23');
    expect(parsed(text).params).toEqual([{ name: 'a&b', value: 'x;y=z #' }]);
  });

  test('leaves out a port that has no host, as libvirt ignores it', () => {
    expect(formatLibvirtUri({ driver: 'qemu', transport: 'tcp', port: 16509, path: '/system' })).toBe('qemu+tcp:///system');
  });
});
