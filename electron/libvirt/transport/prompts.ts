/**
 * Questions a transport may have to ask a person while connecting. Each request is one
 * member of a discriminated union, so the Electron main process can forward any of them to
 * the renderer as plain data and route the answer back. A missing method, or a `null` /
 * `false` answer, means "refuse": a connection never hangs waiting for a UI that is absent.
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

export type PromptRequest = HostKeyPrompt | PasswordPrompt | PassphrasePrompt | KeyboardInteractivePrompt | CommandPrompt;

export interface Prompts {
  hostKey?(request: HostKeyPrompt): Promise<boolean>;
  password?(request: PasswordPrompt): Promise<string | null>;
  passphrase?(request: PassphrasePrompt): Promise<string | null>;
  keyboardInteractive?(request: KeyboardInteractivePrompt): Promise<string[] | null>;
  confirmCommand?(request: CommandPrompt): Promise<boolean>;
}
