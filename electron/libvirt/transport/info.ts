/**
 * What a connection's transport turned out to be, for the UI to show: above all whether
 * the peer was verified (a TLS connection opened with no_verify=1 is encrypted but not
 * authenticated; an SSH host key may have been trusted just now).
 */
export type TransportInfo =
  | { readonly kind: 'unix'; readonly path: string }
  | { readonly kind: 'tcp'; readonly host: string; readonly port: number }
  | {
      readonly kind: 'tls';
      readonly host: string;
      readonly port: number;
      /** false only with no_verify=1 and a certificate that did not verify. */
      readonly verified: boolean;
      /** Why verification failed, when it did. */
      readonly verifyError?: string;
    }
  | {
      readonly kind: 'ssh';
      readonly host: string;
      readonly port: number;
      readonly user: string;
      readonly fingerprint: string;
      /** known: in known_hosts; accepted: trusted at a prompt (or known_hosts_verify=auto);
       *  unchecked: known_hosts_verify=ignore. */
      readonly hostKey: 'known' | 'accepted' | 'unchecked';
      /** The hosts jumped through (ProxyJump), first hop first. */
      readonly via: readonly string[];
    }
  | { readonly kind: 'ext'; readonly argv: readonly string[] };

/** True when nothing vouches for the peer's identity. */
export function isUnverified(info: TransportInfo): boolean {
  switch (info.kind) {
    case 'tls':
      return !info.verified;
    case 'ssh':
      return info.hostKey === 'unchecked';
    case 'unix':
    case 'tcp':
    case 'ext':
      return false;
  }
}
