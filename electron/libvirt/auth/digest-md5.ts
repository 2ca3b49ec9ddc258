/**
 * DIGEST-MD5 (RFC 2831) for authentication only (qop "auth"): obsolete (RFC 6331), used
 * only when a daemon offers nothing better, with a warning. A daemon that offers only the
 * integrity or confidentiality layers ("auth-int", "auth-conf") is refused: this client
 * does not implement SASL security layers, and must never send calls unprotected where the
 * daemon expects them wrapped.
 */
import { createHash, randomBytes } from 'node:crypto';

export class DigestMd5Error extends Error {
  constructor(
    readonly reason: 'security-layer' | 'malformed' | 'server-proof',
    message: string,
  ) {
    super(message);
    this.name = 'DigestMd5Error';
  }
}

/** key=value and key="quoted, value" pairs of a digest challenge. */
function directives(text: string): Map<string, string> {
  const found = new Map<string, string>();
  const pattern = /\s*([A-Za-z0-9-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,]*))\s*(?:,|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null && match[0] !== '') {
    const key = (match[1] ?? '').toLowerCase();
    const value = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '');
    if (!found.has(key)) found.set(key, value);
  }
  return found;
}

const md5 = (data: Buffer | string): Buffer => createHash('md5').update(data).digest();
const hex = (data: Buffer | string): string => md5(data).toString('hex');
const quote = (value: string): string => `"${value.replace(/(["\\])/g, '\\$1')}"`;

export class DigestMd5Client {
  private expectedRspauth: string | undefined;

  constructor(
    private readonly user: string,
    private readonly password: string,
    /** "libvirt/HOST", the service and host the daemon knows itself by. */
    private readonly digestUri: string,
    private readonly cnonce: string = randomBytes(16).toString('base64'),
  ) {}

  respond(challengeBytes: Buffer): Buffer {
    const challenge = directives(challengeBytes.toString('utf8'));
    const nonce = challenge.get('nonce');
    if (nonce === undefined) throw new DigestMd5Error('malformed', 'the DIGEST-MD5 challenge has no nonce');
    const qops = (challenge.get('qop') ?? 'auth').split(',').map((q) => q.trim());
    if (!qops.includes('auth')) {
      throw new DigestMd5Error('security-layer', `the daemon offers DIGEST-MD5 only with a security layer (${qops.join(', ')})`);
    }
    if ((challenge.get('algorithm') ?? '') !== 'md5-sess') throw new DigestMd5Error('malformed', 'the DIGEST-MD5 challenge does not ask for algorithm md5-sess');
    const realm = challenge.get('realm') ?? '';
    const nc = '00000001';
    const a1 = Buffer.concat([md5(`${this.user}:${realm}:${this.password}`), Buffer.from(`:${nonce}:${this.cnonce}`)]);
    const ha1 = hex(a1);
    const kd = (a2: string): string => hex(`${ha1}:${nonce}:${nc}:${this.cnonce}:auth:${hex(a2)}`);
    const response = kd(`AUTHENTICATE:${this.digestUri}`);
    this.expectedRspauth = kd(`:${this.digestUri}`);
    const parts = [
      `username=${quote(this.user)}`,
      ...(challenge.has('realm') ? [`realm=${quote(realm)}`] : []),
      `nonce=${quote(nonce)}`,
      `cnonce=${quote(this.cnonce)}`,
      `nc=${nc}`,
      'qop=auth',
      `digest-uri=${quote(this.digestUri)}`,
      `response=${response}`,
      ...(challenge.get('charset') === 'utf-8' ? ['charset=utf-8'] : []),
    ];
    return Buffer.from(parts.join(','), 'utf8');
  }

  /** Throws unless the server's rspauth proves it knew the password. */
  verify(finalBytes: Buffer): void {
    const rspauth = directives(finalBytes.toString('utf8')).get('rspauth');
    if (this.expectedRspauth === undefined || rspauth !== this.expectedRspauth) {
      throw new DigestMd5Error('server-proof', "the daemon's DIGEST-MD5 rspauth is wrong: it does not know this password");
    }
  }
}
