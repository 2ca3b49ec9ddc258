/**
 * Which of the daemon's SASL mechanisms this client uses, in order of preference, and why
 * the others are passed over. SCRAM proves the password without sending it and checks the
 * server too; PLAIN sends it as is, so only inside an encrypted or local channel; DIGEST-MD5
 * is obsolete (RFC 6331) and libvirtd offers it over plain TCP only with a security layer,
 * which this client does not implement; GSSAPI (Kerberos) is not implemented at all.
 */
import type { ScramHash } from './scram';

export type SaslMechanism =
  | { readonly kind: 'scram'; readonly name: 'SCRAM-SHA-256' | 'SCRAM-SHA-1'; readonly hash: ScramHash }
  | { readonly kind: 'plain'; readonly name: 'PLAIN' }
  | { readonly kind: 'digest-md5'; readonly name: 'DIGEST-MD5' };

export type MechanismChoice =
  | { readonly ok: true; readonly mechanism: SaslMechanism }
  | { readonly ok: false; readonly why: 'none-known' | 'plain-unencrypted' | 'security-layer'; readonly mechanism?: string };

/** Splits libvirtd's mechlist ("SCRAM-SHA-256,DIGEST-MD5", sometimes space-separated). */
export function parseMechlist(mechlist: string): string[] {
  return mechlist.split(/[\s,]+/).map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
}

/**
 * `confidential`: the channel already hides what is sent (TLS, or a local unix socket or SSH
 * tunnel). PLAIN is used only then.
 */
export function chooseMechanism(offered: readonly string[], confidential: boolean): MechanismChoice {
  if (offered.includes('SCRAM-SHA-256')) return { ok: true, mechanism: { kind: 'scram', name: 'SCRAM-SHA-256', hash: 'sha256' } };
  if (offered.includes('SCRAM-SHA-1')) return { ok: true, mechanism: { kind: 'scram', name: 'SCRAM-SHA-1', hash: 'sha1' } };
  if (offered.includes('PLAIN') && confidential) return { ok: true, mechanism: { kind: 'plain', name: 'PLAIN' } };
  if (offered.includes('DIGEST-MD5')) {
    // Over a channel libvirtd does not trust it asks for a security layer (SSF 56 or more);
    // elsewhere it lets DIGEST-MD5 authenticate only, which is usable, with a warning.
    return confidential
      ? { ok: true, mechanism: { kind: 'digest-md5', name: 'DIGEST-MD5' } }
      : { ok: false, why: 'security-layer', mechanism: 'DIGEST-MD5' };
  }
  if (offered.includes('PLAIN')) return { ok: false, why: 'plain-unencrypted', mechanism: 'PLAIN' };
  return { ok: false, why: 'none-known' };
}
