import { mkdir, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './process';

/**
 * Certificates made by openssl for one test run: a CA, a server certificate for
 * 127.0.0.1, ::1 and localhost, a client certificate, and a second CA that signed
 * nothing the server trusts. RSA keys, because libvirt insists on keyEncipherment in a
 * server certificate's key usage.
 */
export interface TestPki {
  readonly caCert: string;
  readonly serverCert: string;
  readonly serverKey: string;
  readonly clientCert: string;
  readonly clientKey: string;
  /** libvirt's pkipath= layout: cacert.pem, clientcert.pem, clientkey.pem. */
  readonly clientPkiPath: string;
  readonly wrongCaPkiPath: string;
}

const DAYS = '2';

async function makeCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, [
    '[req]', 'distinguished_name=dn', 'x509_extensions=v3', '[dn]',
    '[v3]', 'basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign',
    'subjectKeyIdentifier=hash',
  ].join('\n'));
  await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert,
    '-days', DAYS, '-subj', `/O=Virtdeck tests/CN=${name}`, '-config', ext]);
  return { cert, key };
}

async function issue(
  dir: string,
  name: string,
  ca: { cert: string; key: string },
  subject: string,
  extensions: readonly string[],
): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const key = join(dir, `${name}-key.pem`);
  const csr = join(dir, `${name}.csr`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions.join('\n'));
  await run('openssl', ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-subj', subject]);
  await run('openssl', ['x509', '-req', '-in', csr, '-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial',
    '-out', cert, '-days', DAYS, '-extfile', ext]);
  return { cert, key };
}

async function pkiPathDir(dir: string, ca: string, cert: string, key: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  await copyFile(ca, join(dir, 'cacert.pem'));
  await copyFile(cert, join(dir, 'clientcert.pem'));
  await copyFile(key, join(dir, 'clientkey.pem'));
  return dir;
}

export async function makeTestPki(dir: string): Promise<TestPki> {
  await mkdir(dir, { recursive: true });
  const ca = await makeCa(dir, 'ca');
  const wrongCa = await makeCa(dir, 'wrong-ca');
  const [server, client, strangerClient] = await Promise.all([
    issue(dir, 'server', ca, '/O=Virtdeck tests/CN=localhost', [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth',
      'subjectAltName=IP:127.0.0.1,IP:::1,DNS:localhost',
    ]),
    issue(dir, 'client', ca, '/O=Virtdeck tests/CN=virtdeck-test-client', [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=clientAuth',
    ]),
    issue(dir, 'stranger-client', wrongCa, '/O=Virtdeck tests/CN=stranger', [
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=clientAuth',
    ]),
  ]);
  return {
    caCert: ca.cert,
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
    clientPkiPath: await pkiPathDir(join(dir, 'client-pki'), ca.cert, client.cert, client.key),
    wrongCaPkiPath: await pkiPathDir(join(dir, 'wrong-ca-pki'), wrongCa.cert, strangerClient.cert, strangerClient.key),
  };
}
