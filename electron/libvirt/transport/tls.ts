/**
 * libvirt's TLS transport: node:tls with the CA, client certificate and key libvirt would
 * use, the server's chain and host name verified by us (so that no_verify=1 can turn a
 * failure into a reported "unverified" instead of a refusal), then the one byte (0x01) by
 * which libvirtd says it accepted our certificate, before any RPC.
 */
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import tls from 'node:tls';
import { CertificateError, TransportError, type CertificateRefusal } from '../errors';
import { DEFAULT_CONNECT_TIMEOUT_MS, socketErrorReason } from './connect-socket';
import { Deadline } from './deadline';
import type { TransportInfo } from './info';
import type { PkiFiles } from './pki-files';
import { formatHostPort } from './tcp';
import { RecordPerPacketStream } from './tls-records';

export interface TlsTarget {
  readonly kind: 'tls';
  readonly host: string;
  readonly port: number;
  readonly pki: PkiFiles;
  /** no_verify=1: connect even when the chain or the host name does not verify. */
  readonly noVerify: boolean;
  /** tls_priority= is a GnuTLS priority string; Node speaks OpenSSL ciphers, so it is ignored. */
}

export { DEFAULT_TLS_PORT } from './tcp';

/** libvirtd's verdict on our certificate, sent right after the handshake. */
const ACCEPTED = 0x01;

function readPem(path: string, what: string, target: string, required: boolean): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    if (!required) return undefined;
    const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
    throw new TransportError(target, code, `cannot read the ${what} ${path} (${code})`);
  }
}

interface ServerCertProblem {
  readonly refusal: CertificateRefusal;
  readonly text: string;
}

/** Why the server's certificate is not trusted, or undefined when it is. */
function verificationProblem(socket: tls.TLSSocket, host: string, caFile: string): ServerCertProblem | undefined {
  if (!socket.authorized) {
    // Node reports a code (a string, despite its typings), and checks the chain first: a
    // name mismatch is reported only for a trusted chain.
    const reason = socket.authorizationError as Error | string | null;
    const code = reason === null ? 'unknown reason' : typeof reason === 'string' ? reason : reason.message;
    if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
      return { refusal: { reason: 'name-mismatch', caFile, host }, text: `the server certificate does not match the host name ${host} (${code})` };
    }
    return { refusal: { reason: 'untrusted-server', caFile }, text: `the server certificate is not signed by the CA in ${caFile} (${code})` };
  }
  const mismatch = tls.checkServerIdentity(host, socket.getPeerCertificate());
  return mismatch === undefined
    ? undefined
    : { refusal: { reason: 'name-mismatch', caFile, host }, text: `the server certificate does not match the host name: ${mismatch.message}` };
}

export function connectTls(target: TlsTarget, timeoutMs = DEFAULT_CONNECT_TIMEOUT_MS): Promise<{ stream: Duplex; info: TransportInfo }> {
  const where = formatHostPort(target.host, target.port);
  const ca = readPem(target.pki.caCert, 'CA certificate', where, !target.noVerify);
  const crl = readPem(target.pki.caCrl, 'CA revocation list', where, false);
  // libvirt lets a client go without a certificate; the daemon decides whether that is enough.
  const cert = readPem(target.pki.clientCert, 'client certificate', where, false);
  const key = cert === undefined ? undefined : readPem(target.pki.clientKey, 'client key', where, true);

  return new Promise((resolve, reject) => {
    const socket = tls.connect({
      host: target.host,
      port: target.port,
      ...(ca === undefined ? {} : { ca }),
      ...(crl === undefined ? {} : { crl }),
      ...(cert === undefined || key === undefined ? {} : { cert, key }),
      // SNI carries names only, never addresses.
      ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
      rejectUnauthorized: false,
    });
    let settled = false;
    const clientRefused: CertificateRefusal = { reason: 'client-refused', clientCertFile: target.pki.clientCert };
    const fail = (error: TransportError | CertificateError): void => {
      if (settled) return;
      settled = true;
      deadline.clear();
      socket.destroy();
      reject(error);
    };
    const deadline = new Deadline(timeoutMs, () => {
      fail(new TransportError(where, 'ETIMEDOUT', `no TLS session within ${timeoutMs} ms`));
    });
    const onError = (error: Error): void => {
      fail(new TransportError(where, errorCode(error), socketErrorReason(error)));
    };
    const onClose = (): void => {
      // libvirtd refuses a client certificate by closing the session instead of sending its byte.
      fail(new CertificateError(where, clientRefused, `the daemon closed the connection before accepting us (did it refuse our client certificate ${target.pki.clientCert}?)`));
    };
    socket.on('error', onError);
    socket.once('close', onClose);
    socket.once('secureConnect', () => {
      const problem = verificationProblem(socket, target.host, target.pki.caCert);
      if (problem !== undefined && !target.noVerify) {
        fail(new CertificateError(where, problem.refusal, problem.text));
        return;
      }
      const info: TransportInfo = { kind: 'tls', host: target.host, port: target.port, verified: problem === undefined, ...(problem === undefined ? {} : { verifyError: problem.text }) };
      const onReadable = (): void => {
        const byte: unknown = socket.read(1);
        if (!(byte instanceof Buffer)) return;
        socket.off('readable', onReadable);
        if (byte[0] !== ACCEPTED) {
          fail(new CertificateError(where, clientRefused, `the daemon refused our client certificate ${target.pki.clientCert} (answer ${byte[0] ?? '?'})`));
          return;
        }
        settled = true;
        deadline.clear();
        socket.off('error', onError);
        socket.off('close', onClose);
        socket.setNoDelay(true);
        resolve({ stream: new RecordPerPacketStream(socket), info });
      };
      socket.on('readable', onReadable);
    });
  });
}

function errorCode(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return typeof code === 'string' ? code : 'EUNKNOWN';
}
