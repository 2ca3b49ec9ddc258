/**
 * The client side of SCRAM (RFC 5802; SHA-256 per RFC 7677), without channel binding:
 * the mechanism libvirt's cyrus-sasl offers first today. Three messages: ours first, the
 * server's salt and iteration count, our proof; the server's last message proves it knew
 * the password too, and is checked before the connection is trusted.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

export type ScramHash = 'sha1' | 'sha256';

const HASH_BYTES: Record<ScramHash, number> = { sha1: 20, sha256: 32 };
/** "n,,": no channel binding, no authorization identity separate from the user. */
const GS2_HEADER = 'n,,';
/** Bounds the PBKDF2 work a server can demand of us (cyrus uses 4096). */
const MAX_ITERATIONS = 1_000_000;
/** RFC 7677 asks for at least 4096 with SHA-256; RFC 5802's SHA-1 example uses 4096 too. */
const MIN_ITERATIONS = 4096;

/** The server's messages did not follow SCRAM, or its proof was wrong. */
export class ScramError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScramError';
  }
}

/** "=" and "," are escaped in SCRAM names (RFC 5802 5.1). */
function saslName(user: string): string {
  return user.replace(/=/g, '=3D').replace(/,/g, '=2C');
}

/** A SCRAM message's attributes ("r=...,s=...,i=..."), the first one winning. */
function attributes(message: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const part of message.split(',')) {
    const match = /^([A-Za-z])=(.*)$/s.exec(part);
    if (match?.[1] !== undefined && match[2] !== undefined && !found.has(match[1])) found.set(match[1], match[2]);
  }
  return found;
}

function hmac(hash: ScramHash, key: Buffer, text: string): Buffer {
  return createHmac(hash, key).update(text, 'utf8').digest();
}

export class ScramClient {
  private readonly clientFirstBare: string;
  private expectedServerSignature: Buffer | undefined;

  constructor(
    private readonly hash: ScramHash,
    user: string,
    private readonly password: string,
    private readonly clientNonce: string = randomBytes(24).toString('base64'),
  ) {
    if (/[,\s]/.test(clientNonce) || clientNonce === '') throw new ScramError('a SCRAM nonce must be printable and without commas');
    this.clientFirstBare = `n=${saslName(user)},r=${clientNonce}`;
  }

  firstMessage(): Buffer {
    return Buffer.from(GS2_HEADER + this.clientFirstBare, 'utf8');
  }

  /** Answers the server's first message with our proof. */
  finalMessage(serverFirstBytes: Buffer): Buffer {
    const serverFirst = serverFirstBytes.toString('utf8');
    const attrs = attributes(serverFirst);
    const error = attrs.get('e');
    if (error !== undefined) throw new ScramError(`the server ended the exchange: ${error}`);
    const nonce = attrs.get('r');
    const salt = attrs.get('s');
    const iterationText = attrs.get('i');
    if (nonce === undefined || salt === undefined || iterationText === undefined) {
      throw new ScramError(`the server's first message lacks its nonce, salt or iteration count: ${JSON.stringify(serverFirst)}`);
    }
    if (!nonce.startsWith(this.clientNonce) || nonce.length === this.clientNonce.length) {
      throw new ScramError("the server's nonce does not extend ours");
    }
    const iterations = /^\d{1,9}$/.test(iterationText) ? Number(iterationText) : NaN;
    if (!(iterations >= MIN_ITERATIONS && iterations <= MAX_ITERATIONS)) {
      throw new ScramError(`the server asks for ${iterationText} iterations; accepted are ${MIN_ITERATIONS} to ${MAX_ITERATIONS}`);
    }
    const saltBytes = Buffer.from(salt, 'base64');
    if (saltBytes.length === 0) throw new ScramError("the server's salt is empty");

    // SASLprep of the password is left out: for ASCII passwords it changes nothing.
    const salted = pbkdf2Sync(this.password, saltBytes, iterations, HASH_BYTES[this.hash], this.hash);
    const clientKey = hmac(this.hash, salted, 'Client Key');
    const storedKey = createHash(this.hash).update(clientKey).digest();
    const withoutProof = `c=${Buffer.from(GS2_HEADER, 'utf8').toString('base64')},r=${nonce}`;
    const authMessage = `${this.clientFirstBare},${serverFirst},${withoutProof}`;
    const signature = hmac(this.hash, storedKey, authMessage);
    const proof = Buffer.alloc(clientKey.length);
    for (let i = 0; i < proof.length; i++) proof[i] = (clientKey[i] ?? 0) ^ (signature[i] ?? 0);
    this.expectedServerSignature = hmac(this.hash, hmac(this.hash, salted, 'Server Key'), authMessage);
    return Buffer.from(`${withoutProof},p=${proof.toString('base64')}`, 'utf8');
  }

  /** Throws unless the server's last message proves it holds the same salted password. */
  verifyServerFinal(serverFinalBytes: Buffer): void {
    const expected = this.expectedServerSignature;
    if (expected === undefined) throw new ScramError("the server's last message came before our proof");
    const attrs = attributes(serverFinalBytes.toString('utf8'));
    const error = attrs.get('e');
    if (error !== undefined) throw new ScramError(`the server refused: ${error}`);
    const verifier = attrs.get('v');
    if (verifier === undefined) throw new ScramError("the server's last message has no signature");
    const got = Buffer.from(verifier, 'base64');
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      throw new ScramError("the server's signature is wrong: it does not know this password (or someone is in between)");
    }
  }
}
