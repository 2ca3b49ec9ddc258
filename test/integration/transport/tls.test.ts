import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { openUri } from '../../../electron/libvirt/connect';
import { CertificateError, isUnverified } from '../../../electron/libvirt';
import { startSilentServer, startTcpRelay } from '../../helpers/tcp-relay';
import { expectSameHostInfoAsVirsh } from './same-as-virsh';

const harness = inject('harness');
const port = harness.libvirtd.tlsPort;

describe('tls transport', () => {
  it('opens test:///default with the pkipath= files and a verified server, as virsh sees it', async () => {
    const conn = await openUri(harness.uris.tls);
    try {
      expect(conn.transport).toEqual({ kind: 'tls', host: '127.0.0.1', port, verified: true });
      await expectSameHostInfoAsVirsh(conn, harness.uris.tls);
    } finally {
      await conn.close();
    }
  });

  it('verifies a DNS name from the certificate (localhost) and the IPv6 address [::1]', async () => {
    const relay = await startTcpRelay('::1', '127.0.0.1', port);
    try {
      for (const uri of [
        `test+tls://localhost:${port}/default?pkipath=${harness.pki.clientPkiPath}`,
        `test+tls://[::1]:${relay.port}/default?pkipath=${harness.pki.clientPkiPath}`,
      ]) {
        const conn = await openUri(uri);
        expect(conn.transport).toMatchObject({ kind: 'tls', verified: true });
        await conn.close();
      }
    } finally {
      await relay.close();
    }
  });

  it('refuses a server whose certificate the CA did not sign', async () => {
    const opening = openUri(`test+tls://127.0.0.1:${port}/default?pkipath=${harness.pki.wrongCaPkiPath}`);
    await expect(opening).rejects.toBeInstanceOf(CertificateError);
    await expect(opening).rejects.toMatchObject({ refusal: { reason: 'untrusted-server', caFile: join(harness.pki.wrongCaPkiPath, 'cacert.pem') } });
    await expect(opening).rejects.toThrow(/not signed by the CA/);
  });

  it('refuses a server whose certificate does not name the host dialled', async () => {
    // 127.0.0.2 is loopback too, but not in the certificate's subjectAltName.
    const relay = await startTcpRelay('127.0.0.2', '127.0.0.1', port);
    try {
      const opening = openUri(`test+tls://127.0.0.2:${relay.port}/default?pkipath=${harness.pki.clientPkiPath}`);
      await expect(opening).rejects.toThrow(/does not match the host name/);
      await expect(opening).rejects.toMatchObject({ kind: 'certificate', refusal: { reason: 'name-mismatch', host: '127.0.0.2' } });
    } finally {
      await relay.close();
    }
  });

  it('connects with no_verify=1 despite a wrong host name, and says it is unverified', async () => {
    const relay = await startTcpRelay('127.0.0.2', '127.0.0.1', port);
    try {
      const conn = await openUri(`test+tls://127.0.0.2:${relay.port}/default?pkipath=${harness.pki.clientPkiPath}&no_verify=1`);
      try {
        expect(conn.transport).toMatchObject({ kind: 'tls', verified: false, verifyError: expect.stringMatching(/host name/) as unknown });
        expect(conn.transport && isUnverified(conn.transport)).toBe(true);
        expect((await conn.hostInfo()).uri).toBe('test:///default');
      } finally {
        await conn.close();
      }
    } finally {
      await relay.close();
    }
  });

  it('is refused by the daemon when our client certificate is from another CA, even with no_verify=1', async () => {
    const opening = openUri(`test+tls://127.0.0.1:${port}/default?pkipath=${harness.pki.wrongCaPkiPath}&no_verify=1`);
    await expect(opening).rejects.toBeInstanceOf(CertificateError);
    await expect(opening).rejects.toMatchObject({ refusal: { reason: 'client-refused', clientCertFile: join(harness.pki.wrongCaPkiPath, 'clientcert.pem') } });
  });

  it('gives up on a silent TLS server within the connect timeout, naming host and port', async () => {
    const silent = await startSilentServer();
    try {
      const opening = openUri(`test+tls://127.0.0.1:${silent.port}/default?pkipath=${harness.pki.clientPkiPath}`, { connectTimeoutMs: 300 });
      await expect(opening).rejects.toThrow(`cannot connect to 127.0.0.1:${silent.port}: no TLS session within 300 ms`);
    } finally {
      await silent.close();
    }
  });
});
