/** The harness daemon's listeners as targets for our own `open`. */
import { inject } from 'vitest';
import type { TransportTarget } from '../../../electron/libvirt/transport';

export const TEST_NAME = 'test:///default';

export function targets(): Record<'unix' | 'tcp', TransportTarget> {
  const { libvirtd } = inject('harness');
  return {
    unix: { kind: 'unix', path: libvirtd.unixSocket },
    tcp: { kind: 'tcp', host: '127.0.0.1', port: libvirtd.tcpPort },
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}${process.pid}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** A minimal domain of the test driver. */
export function testDomainXml(name: string): string {
  return `<domain type='test'><name>${name}</name><memory>65536</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>`;
}
