/**
 * Where the TLS transport finds its CA, client certificate and key, as libvirt's
 * virNetTLSContextLocateCredentials does: pkipath= alone when given; else, for a user
 * other than root, ~/.pki/libvirt first, where the CA falls back to the system file by
 * itself and the certificate and key fall back together (they only work as a pair).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export interface PkiFiles {
  readonly caCert: string;
  /** The CA's revocation list; used when the file exists. */
  readonly caCrl: string;
  readonly clientCert: string;
  readonly clientKey: string;
}

export const SYSTEM_PKI: PkiFiles = {
  caCert: '/etc/pki/CA/cacert.pem',
  caCrl: '/etc/pki/CA/cacrl.pem',
  clientCert: '/etc/pki/libvirt/clientcert.pem',
  clientKey: '/etc/pki/libvirt/private/clientkey.pem',
};

export function pkiInDirectory(dir: string): PkiFiles {
  return {
    caCert: join(dir, 'cacert.pem'),
    caCrl: join(dir, 'cacrl.pem'),
    clientCert: join(dir, 'clientcert.pem'),
    clientKey: join(dir, 'clientkey.pem'),
  };
}

export interface PkiEnvironment {
  readonly isRoot: boolean;
  readonly home: string;
  readonly exists?: (path: string) => boolean;
}

export function locatePkiFiles(pkipath: string | undefined, env: PkiEnvironment): PkiFiles {
  if (pkipath !== undefined) return pkiInDirectory(pkipath);
  if (env.isRoot) return SYSTEM_PKI;
  const exists = env.exists ?? existsSync;
  const user = pkiInDirectory(join(env.home, '.pki', 'libvirt'));
  const identity = exists(user.clientCert) && exists(user.clientKey);
  return {
    caCert: exists(user.caCert) ? user.caCert : SYSTEM_PKI.caCert,
    caCrl: exists(user.caCrl) ? user.caCrl : SYSTEM_PKI.caCrl,
    clientCert: identity ? user.clientCert : SYSTEM_PKI.clientCert,
    clientKey: identity ? user.clientKey : SYSTEM_PKI.clientKey,
  };
}
