/** Which URIs a policy lets through, and what a refusal says. */
import { describe, expect, it } from 'vitest';
import { matchesPattern, OPEN_RULES, uriViolation, type AdminPolicy, type PolicyRules } from '../../../electron/policy';
import { parseLibvirtUri } from '../../../shared/uri';

const FILE = '/etc/virtdeck/policy.json';
const policy = (rules: Partial<PolicyRules>): AdminPolicy => ({ file: FILE, rules: { ...OPEN_RULES, ...rules }, connections: [] });

function violation(rules: Partial<PolicyRules>, text: string): string | null {
  const parsed = parseLibvirtUri(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return uriViolation(policy(rules), parsed.uri)?.message ?? null;
}

describe('matchesPattern', () => {
  it.each([
    ['qemu+ssh://*.lab.example.org/system', 'qemu+ssh://kvm1.lab.example.org/system', true],
    ['qemu+ssh://*.lab.example.org/system', 'QEMU+SSH://KVM1.LAB.EXAMPLE.ORG/system', true],
    ['qemu+ssh://*.lab.example.org/system', 'qemu+ssh://kvm1.lab.example.org/system?keyfile=/k#x', true],
    ['qemu+ssh://*.lab.example.org/system', 'qemu+ssh://root@kvm1.lab.example.org/system', false],
    ['qemu+ssh://*@*.lab.example.org/system', 'qemu+ssh://root@kvm1.lab.example.org/system', true],
    ['qemu+ssh://*.lab.example.org/system', 'qemu+ssh://evil.example/x.lab.example.org/system', false],
    ['qemu+ssh://*.lab.example.org/system', 'qemu+ssh://evil.example?.lab.example.org/system', false],
    ['qemu+ssh://*.lab.example.org/system', 'qemu+ssh://kvm1.lab.example.org.evil.example/system', false],
    ['qemu+ssh://*.lab.example.org/system', 'qemuxssh://kvm1.lab.example.org/system', false],
    ['test:///default', 'test:///default', true],
    ['qemu:///*', 'qemu:///session', true],
  ])('%s against %s: %s', (pattern, uri, expected) => {
    expect(matchesPattern(pattern, uri)).toBe(expected);
  });
});

describe('uriViolation', () => {
  it('passes everything with no rules', () => {
    expect(violation({}, 'qemu+ext:///system?command=/bin/true&no_verify=1')).toBeNull();
  });

  it('names the rule and the file in each refusal', () => {
    expect(violation({ forbidExtTransport: true }, 'qemu+ext:///system?command=/bin/true'))
      .toBe(`refused by the administrator's policy (forbidExtTransport in ${FILE}): the ext transport runs a local program named in the URI, and this policy forbids it`);
    expect(violation({ forbidNoVerify: true }, 'qemu+tls://h/system?no_verify=1')).toMatch(/^refused by the administrator's policy \(forbidNoVerify in /);
    expect(violation({ forbidNoVerify: true }, 'qemu+tls://h/system?no_verify=0')).toBeNull();
    expect(violation({ requireKnownHostKey: true }, 'qemu+ssh://h/system?known_hosts_verify=auto')).toMatch(/\(requireKnownHostKey in .*known_hosts_verify=auto/);
    expect(violation({ requireKnownHostKey: true }, 'qemu+ssh://h/system?known_hosts_verify=normal')).toBeNull();
    expect(violation({ allowedUris: ['test:///default'] }, 'qemu:///system')).toBe(
      `refused by the administrator's policy (allowedUris in ${FILE}): qemu:///system matches none of the allowed URI patterns (test:///default)`);
  });

  it('lets a URI travel only by the allowed transports, naming the transport and the list', () => {
    const sshAndTls: Partial<PolicyRules> = { allowedTransports: ['ssh', 'tls'] };
    expect(violation(sshAndTls, 'qemu+ext:///system?command=/bin/true')).toBe(
      `refused by the administrator's policy (allowedTransports in ${FILE}): qemu+ext:///system would travel by the ext transport, and this policy allows only ssh, tls`);
    // No transport written: a host means tls, none means the local socket, as libvirt picks.
    expect(violation(sshAndTls, 'qemu:///system')).toMatch(/by the unix transport, and this policy allows only ssh, tls$/);
    expect(violation(sshAndTls, 'qemu://kvm1.example.org/system')).toBeNull();
    expect(violation(sshAndTls, 'qemu+tcp://kvm1.example.org/system')).toMatch(/\(allowedTransports in .*by the tcp transport/);
    expect(violation(sshAndTls, 'qemu+ssh://kvm1.example.org/system')).toBeNull();
    // libssh and libssh2 are transports of their own in the URI, so the admin names them.
    expect(violation(sshAndTls, 'qemu+libssh://kvm1.example.org/system')).toMatch(/by the libssh transport/);
    // The embedded driver travels by no transport.
    expect(violation(sshAndTls, 'test:///default')).toBeNull();
    expect(violation({ allowedTransports: [] }, 'qemu+ssh://h/system')).toMatch(/allows only none$/);
    // forbidExtTransport is the more specific word when both apply.
    expect(violation({ ...sshAndTls, forbidExtTransport: true }, 'qemu+ext:///system?command=/bin/true')).toMatch(/\(forbidExtTransport in /);
  });
});
