/** Facts about an SSH public key blob (RFC 4253 §6.6): its type and its fingerprint. */
import { createHash } from 'node:crypto';

/** The algorithm name at the start of the blob, e.g. "ssh-ed25519". */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) return 'unknown';
  const length = blob.readUInt32BE(0);
  if (length > blob.length - 4) return 'unknown';
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** As OpenSSH prints it (ssh-keygen -l -E sha256): "SHA256:" and base64 without padding. */
export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}
