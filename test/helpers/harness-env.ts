import type {} from 'vitest';

/**
 * What the global setup hands to integration and e2e tests: real servers, started once per
 * run in temporary directories on free loopback ports. Read it in a test with
 * `inject('harness')` (vitest), never by starting servers of your own.
 */
export interface HarnessEnv {
  /** The run's temporary root; every file below belongs to this run. */
  readonly root: string;
  readonly libvirtd: {
    readonly pid: number;
    /** Read-write unix socket of the private daemon (auth none). */
    readonly unixSocket: string;
    readonly unixSocketRo: string;
    readonly tcpPort: number;
    readonly tlsPort: number;
    /** The daemon's own log, for a test's failure message. */
    readonly logFile: string;
  };
  readonly pki: {
    /** A directory in libvirt's pkipath= layout: cacert.pem, clientcert.pem, clientkey.pem. */
    readonly clientPkiPath: string;
    readonly caCert: string;
    readonly serverCert: string;
    readonly serverKey: string;
    readonly clientCert: string;
    readonly clientKey: string;
    /** A pkipath= directory whose CA did not sign the server: verification must fail. */
    readonly wrongCaPkiPath: string;
  };
  readonly sshd: {
    readonly port: number;
    /** A local account made for the tests; its shell can run nc and virt-ssh-helper. */
    readonly user: string;
    readonly password: string;
    /** Unencrypted ed25519 key in authorized_keys. */
    readonly userKey: string;
    /** The same kind of key protected by `userKeyPassphrase`, also authorized. */
    readonly userKeyEncrypted: string;
    readonly userKeyPassphrase: string;
    /** A known_hosts file that holds the server's host key for [127.0.0.1]:port. */
    readonly knownHosts: string;
    /** The host key's SHA256 fingerprint as OpenSSH prints it ("SHA256:..."). */
    readonly hostKeyFingerprint: string;
  };
  /** URIs for `virsh -c` and for our client, one per listener, all opening test:///default. */
  readonly uris: {
    readonly unix: string;
    readonly tcp: string;
    readonly tls: string;
    readonly ssh: string;
    /** The QEMU driver of the same daemon, for the tiny TCG VM. */
    readonly qemu: string;
  };
  /** Debian's Chromium, for playwright-core. */
  readonly chromium: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    harness: HarnessEnv;
  }
}
