import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatLibvirtUri, parseLibvirtUri, TRANSPORTS, type UriParts } from '../../../shared/uri';

// Any text, including the characters that matter to the grammar, so that the generator
// reaches the interesting branches often.
const gritty = fc.string({ unit: fc.oneof(fc.constantFrom(...':/?#[]@!$&\'()*+,;=%. -_~'.split('')), fc.constantFrom('a', 'Z', '0', '9', 'é', '€', '😀', '\u0000', '\t'), fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme' })), maxLength: 40 });

const driver = fc.constantFrom('qemu', 'xen', 'lxc', 'ch', 'bhyve', 'vbox', 'test', 'network', 'remote', 'qemu.kvm-2');
const hostName = fc.oneof(
  fc.domain(),
  fc.ipV4(),
  fc.ipV6(),
  fc.constantFrom('localhost', 'kvm_1', "o'brien!", 'h%st', 'ünï'),
);
const paramName = fc.string({ minLength: 1, maxLength: 12 }).filter((n) => !/^(name|command|socket|auth|sshauth|netcat|keyfile|pkipath|known_hosts|known_hosts_verify|tls_priority|mode|proxy|no_sanity|no_verify|no_tty|authfile)$/i.test(n));
const text = fc.string({ maxLength: 20, unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));

const parts: fc.Arbitrary<UriParts> = fc.record({
  driver,
  transport: fc.option(fc.constantFrom(...TRANSPORTS.filter((t) => t !== 'unix' && t !== 'ext')), { nil: undefined }),
  user: fc.option(text.filter((u) => u !== ''), { nil: undefined }),
  host: fc.option(hostName, { nil: undefined }),
  port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  path: fc.oneof(fc.constantFrom('', '/system', '/session', '/default'), text.map((p) => `/${p}`)),
  params: fc.array(fc.record({ name: paramName, value: text }), { maxLength: 4 }),
  fragment: fc.option(text, { nil: undefined }),
});

/** A qemu://system host would be refused as a missing slash: keep such pairs out. */
const valid = (p: UriParts): boolean =>
  !(['qemu', 'vbox', 'vz'].includes(p.driver) && (p.host === 'system' || p.host === 'session')) &&
  !(p.driver === 'test' && p.host === undefined && p.transport === undefined && (p.path === '' || p.path === '/'));

describe('URI properties', () => {
  test('format then parse gives the same fields back', () => {
    fc.assert(fc.property(parts.filter(valid), (p) => {
      const text = formatLibvirtUri(p);
      const r = parseLibvirtUri(text);
      if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
      const u = r.uri;
      expect(u.driver).toBe(p.driver);
      expect(u.transport).toBe(p.transport);
      expect(u.user).toBe(p.user);
      expect(u.host?.toLowerCase()).toBe(p.host?.toLowerCase());
      expect(u.hostIsIPv6).toBe(p.host?.includes(':') ?? false);
      expect(u.port).toBe(p.host === undefined ? undefined : p.port);
      expect(u.path).toBe(p.path);
      expect(u.params).toEqual(p.params);
      expect(u.fragment).toBe(p.fragment);
      expect(u.isRemote).toBe(p.host !== undefined);
      // Formatting is canonical: a second round changes nothing.
      expect(formatLibvirtUri(u)).toBe(text);
    }), { numRuns: 2000 });
  }, 60_000);

  test('parse never throws on any text, and errors stay inside the text', () => {
    fc.assert(fc.property(fc.oneof(gritty, fc.string(), gritty.map((s) => `qemu+ssh://${s}`), gritty.map((s) => `qemu:///system?${s}`)), (s) => {
      const r = parseLibvirtUri(s);
      if (!r.ok) {
        expect(r.error.offset).toBeGreaterThanOrEqual(0);
        expect(r.error.offset + r.error.length).toBeLessThanOrEqual(Math.max(s.length, 1));
        expect(r.error.message).not.toBe('');
      }
    }), { numRuns: 5000 });
  });

  test('an accepted URI formats to text with the same meaning', () => {
    let accepted = 0;
    fc.assert(fc.property(fc.oneof(gritty.map((s) => `qemu+tcp://h/${s}`), gritty.map((s) => `test:///x?${s}`), gritty.map((s) => `xen+ssh://${s}`)), (s) => {
      const r = parseLibvirtUri(s);
      // Only accepted URIs say anything here; fast-check draws another for a refused one.
      fc.pre(r.ok);
      accepted += 1;
      const again = parseLibvirtUri(formatLibvirtUri(r.uri));
      if (!again.ok) throw new Error(`${s} -> ${formatLibvirtUri(r.uri)}: ${again.error.message}`);
      expect(again.uri.daemonName).toBe(r.uri.daemonName);
      expect(again.uri.params).toEqual(r.uri.params);
      expect(again.uri.host).toBe(r.uri.host);
      expect(again.uri.user).toBe(r.uri.user);
    }), { numRuns: 3000, maxSkipsPerRun: 10 });
    // Every run counted is an accepted URI: a generator that stopped producing them would fail here.
    expect(accepted).toBe(3000);
  }, 60_000);
});
