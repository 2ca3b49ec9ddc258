/**
 * What crosses the IPC boundary: plain, JSON-safe data (no bigint, no class instances),
 * the same under Electron's structured clone and over the browser bridge's WebSocket.
 */
import type { z } from 'zod';
import type { AppError } from './errors';
import type { profileInputSchema, promptAnswerSchema } from './ipc';

/** A saved connection: never a password, never a key (keys are referenced by path in the URI). */
export interface ConnectionProfile {
  readonly id: string;
  readonly uri: string;
  /** What the admin calls it; defaults to the URI's host, or the URI itself. */
  readonly name: string;
  /** Open when the app starts. */
  readonly autoconnect: boolean;
  /** Reopen with backoff when the link is lost. */
  readonly reconnect: boolean;
}

/** What the person edits of a profile; the contract's schema is its one definition. */
export type ProfileInput = z.infer<typeof profileInputSchema>;

/** Where a connection is in its life; the renderer is told every change, it never polls. */
export type ConnectionState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'connecting'; readonly attempt: number }
  /** A question to the person (host key, password...) is pending: `method` says which. */
  | { readonly kind: 'authenticating'; readonly method: PromptRequest['kind'] }
  | { readonly kind: 'open'; readonly since: number; readonly verified: boolean }
  | { readonly kind: 'closed' }
  | { readonly kind: 'failed'; readonly error: AppError; readonly retryAt: number | null };

export interface ConnectionView {
  readonly profile: ConnectionProfile;
  readonly state: ConnectionState;
  /** Handed out by the administrator's policy file: it can be opened, not edited or removed. Absent means false. */
  readonly managed?: boolean;
}

export interface NodeInfo {
  readonly model: string;
  readonly memoryKiB: number;
  readonly cpus: number;
  readonly mhz: number;
  readonly nodes: number;
  readonly sockets: number;
  readonly cores: number;
  readonly threads: number;
}

export interface HostInfo {
  readonly type: string;
  readonly hypervisorVersion: string;
  readonly libvirtVersion: string;
  readonly hostname: string;
  readonly uri: string;
  readonly node: NodeInfo;
}

/** virDomainState names in libvirt's order, so a wire code indexes them; 'unknown' for any newer code. */
export const DOMAIN_STATES = ['nostate', 'running', 'blocked', 'paused', 'shutdown', 'shutoff', 'crashed', 'pmsuspended', 'unknown'] as const;
export type DomainStateName = (typeof DOMAIN_STATES)[number];

export interface DomainSummary {
  readonly uuid: string;
  readonly name: string;
  /** null while the domain is not running. */
  readonly id: number | null;
  readonly state: DomainStateName;
  readonly vcpus: number;
  readonly memoryKiB: number;
  readonly maxMemoryKiB: number;
}

export const DOMAIN_ACTIONS = ['start', 'shutdown', 'reboot', 'suspend', 'resume', 'destroy', 'undefine'] as const;
export type DomainAction = (typeof DOMAIN_ACTIONS)[number];

export interface NetworkSummary {
  readonly uuid: string;
  readonly name: string;
  readonly active: boolean;
  readonly autostart: boolean;
}

/** virStoragePoolState names in libvirt's order, so a wire code indexes them; 'unknown' for any newer code. */
export const STORAGE_POOL_STATES = ['inactive', 'building', 'running', 'degraded', 'inaccessible'] as const;
export type StoragePoolStateName = (typeof STORAGE_POOL_STATES)[number] | 'unknown';

export interface StoragePoolSummary {
  readonly uuid: string;
  readonly name: string;
  readonly state: StoragePoolStateName;
  /** Bytes; numbers are exact up to 8 PiB, far beyond any pool. */
  readonly capacity: number;
  readonly allocation: number;
  readonly available: number;
}

export interface DomainStatsSample {
  readonly uuid: string;
  readonly state: DomainStateName;
  /** Share of one host CPU over the last tick, 0-100 × vCPUs; null on the first sample. */
  readonly cpuPercent: number | null;
  readonly memoryKiB: number | null;
}

/** What the details' overview shows beyond the list's summary: virsh dominfo and domstate --reason. */
export interface DomainFacts {
  readonly state: DomainStateName;
  /** The state's virDomain*Reason code, and the words virsh prints for it. */
  readonly reason: number;
  readonly reasonText: string;
  readonly autostart: boolean;
  readonly persistent: boolean;
}

export interface StatsTick {
  readonly connectionId: string;
  readonly at: number;
  readonly domains: readonly DomainStatsSample[];
}

/** One second of the host, from the node's own counters (virNodeGetCPUStats / MemoryStats). */
export interface HostStatsSample {
  readonly connectionId: string;
  readonly at: number;
  /**
   * Busy share of all the host's CPUs since the previous sample, 0-100. null on the first
   * sample, and when the counters did not move (libvirt's test driver answers fixed ones).
   */
  readonly cpuPercent: number | null;
  /** null when the driver keeps no memory statistics (libvirt's test driver). */
  readonly memory: { readonly usedKiB: number; readonly totalKiB: number } | null;
}

/** One sample of the domain whose details are open: rates are per second since the last. */
export interface DomainStatsPoint {
  readonly connectionId: string;
  readonly uuid: string;
  readonly at: number;
  /** Share of one host CPU, 0-100 × vCPUs; null on the first sample or while not running. */
  readonly cpuPercent: number | null;
  readonly memoryKiB: number | null;
  readonly diskReadBytesPerSec: number | null;
  readonly diskWriteBytesPerSec: number | null;
  readonly netRxBytesPerSec: number | null;
  readonly netTxBytesPerSec: number | null;
}

export const NETWORK_ACTIONS = ['start', 'stop'] as const;
export type NetworkAction = (typeof NETWORK_ACTIONS)[number];
export const POOL_ACTIONS = ['start', 'stop', 'refresh'] as const;
export type PoolAction = (typeof POOL_ACTIONS)[number];

export interface StorageVolumeSummary {
  /** libvirt's key for the volume: its path, for file-backed pools. */
  readonly key: string;
  readonly name: string;
  readonly type: string;
  /** Its on-disk format (qcow2, raw, iso...), or null when its XML names none. */
  readonly format: string | null;
  readonly capacity: number;
  readonly allocation: number;
}

/** How main reaches a host, as the host page shows it. */
export interface HostLink {
  /** 'in-process' for the embedded test driver. */
  readonly transport: 'in-process' | 'unix' | 'tcp' | 'tls' | 'ssh' | 'ext';
  /** Where: a socket path, host:port, user@host:port, or the command. */
  readonly peer: string;
  readonly encrypted: boolean;
  readonly verified: boolean;
}

/**
 * Questions a transport may have to ask a person while connecting, one member each of a
 * discriminated union, so main can forward any of them to the window as plain data. No
 * answer in time means "refused".
 */
/** The server's SSH host key is not in known_hosts: trust it? */
export interface HostKeyPrompt {
  readonly kind: 'host-key';
  readonly host: string;
  readonly port: number;
  /** e.g. "ssh-ed25519" */
  readonly keyType: string;
  /** As OpenSSH prints it: "SHA256:" and unpadded base64. */
  readonly fingerprint: string;
  /** The known_hosts file the key will be added to when trusted. */
  readonly knownHostsFile: string;
}

export interface PasswordPrompt {
  readonly kind: 'password';
  readonly user: string;
  readonly host: string;
  readonly port: number;
  /** 1 for the first try; more after the server refused a password. */
  readonly attempt: number;
}

export interface PassphrasePrompt {
  readonly kind: 'passphrase';
  /** The encrypted private key file. */
  readonly keyPath: string;
  readonly attempt: number;
}

export interface KeyboardInteractivePrompt {
  readonly kind: 'keyboard-interactive';
  readonly user: string;
  readonly host: string;
  readonly port: number;
  readonly name: string;
  readonly instructions: string;
  /** One answer is expected per question, in order; `echo: false` means a secret. */
  readonly prompts: readonly { readonly prompt: string; readonly echo: boolean }[];
}

/** The URI asks to run a local program (the ext transport): run it? */
export interface CommandPrompt {
  readonly kind: 'confirm-command';
  readonly argv: readonly string[];
}

/** libvirtd asks for SASL credentials (a user name and password in its SASL database). */
export interface SaslCredentialsPrompt {
  readonly kind: 'sasl-credentials';
  readonly host: string;
  /** e.g. "SCRAM-SHA-256" */
  readonly mechanism: string;
  /** The URI's user (or the auth file's), offered as the default; "" when there is none. */
  readonly defaultUser: string;
}

/** A domain's VNC server wants its password (VNC authentication) before it shows the screen. */
export interface VncPasswordPrompt {
  readonly kind: 'vnc-password';
  readonly domain: string;
  /** 1 for the first try; more after the server refused a password. */
  readonly attempt: number;
}

export type PromptRequest =
  | HostKeyPrompt
  | PasswordPrompt
  | PassphrasePrompt
  | KeyboardInteractivePrompt
  | CommandPrompt
  | SaslCredentialsPrompt
  | VncPasswordPrompt;

export interface Prompt {
  readonly id: string;
  readonly connectionId: string;
  readonly request: PromptRequest;
  /** When main stops waiting (ms since the epoch). */
  readonly expiresAt: number;
}

/** The person's answer to a Prompt; the contract's schema is its one definition. */
export type PromptAnswer = z.infer<typeof promptAnswerSchema>;

/** A serial or console device of a running domain, by the alias virDomainOpenConsole takes. */
export interface SerialDevice {
  readonly alias: string;
  readonly kind: 'serial' | 'console';
  /** The character device's type: pty, file, tcp, ... Only pty can be opened as a console. */
  readonly type: string;
}

/** Where a running domain's VNC server listens, from its live XML. */
export type VncEndpoint =
  | { readonly kind: 'address'; readonly address: string; readonly port: number }
  | { readonly kind: 'socket'; readonly path: string };

export interface DomainConsoles {
  readonly serial: readonly SerialDevice[];
  /** null when the domain has no VNC screen, or is not running. */
  readonly vnc: VncEndpoint | null;
}

export type ConsoleKind = 'serial' | 'vnc';

/** Why a console stopped: its end of file (the domain stopped), a failure, or a close we asked for. */
export type ConsoleEnd =
  | { readonly kind: 'ended' }
  | { readonly kind: 'failed'; readonly message: string }
  | { readonly kind: 'closed' };

export interface ConsoleOpened {
  readonly consoleId: string;
}

/** A console's bytes, main → renderer; the renderer acknowledges them with consoles.ack. */
export interface ConsoleData {
  readonly consoleId: string;
  /** base64: the bridge carries JSON text. */
  readonly data: string;
}

export interface ScreenshotImage {
  readonly mime: string;
  /** base64 */
  readonly data: string;
}

/** A domain the New VM assistant defined. */
export interface DefinedDomain {
  readonly uuid: string;
  readonly name: string;
}

/** One snapshot of a domain, its parent named so the window can draw the tree. */
export interface SnapshotSummary {
  readonly name: string;
  readonly parent: string | null;
  readonly current: boolean;
  readonly description: string;
  /** The domain's state when it was taken: running, shutoff... */
  readonly state: string;
  /** Unix seconds. */
  readonly createdAt: number;
  readonly hasMemory: boolean;
}

export interface UploadStarted {
  readonly uploadId: string;
}

/** Where an upload is: its bytes so far, then how it ended. */
export type UploadProgress =
  | { readonly kind: 'progress'; readonly sentBytes: number; readonly totalBytes: number }
  | { readonly kind: 'done'; readonly totalBytes: number }
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'failed'; readonly error: AppError };

export interface VolumeUploadEvent {
  readonly uploadId: string;
  readonly progress: UploadProgress;
}

/** One disk of a domain, with the pool volume behind it when there is one. */
export interface DomainDisk {
  readonly target: string;
  readonly device: 'disk' | 'cdrom' | 'floppy' | 'lun';
  readonly path: string | null;
  /** "pool/volume" when the disk is a pool's volume; null otherwise (it cannot be deleted with the domain). */
  readonly volume: string | null;
  readonly readonly: boolean;
}

/** The domain is gone; its chosen volumes are listed by what became of them. */
export interface DomainDeletion {
  readonly deletedVolumes: readonly string[];
  readonly failedVolumes: readonly { readonly path: string; readonly message: string }[];
}
