/**
 * Questions a transport may have to ask a person while connecting. Each request is one
 * member of a discriminated union, so the Electron main process can forward any of them to
 * the renderer as plain data and route the answer back. A missing method, or a `null` /
 * `false` answer, means "refuse": a connection never hangs waiting for a UI that is absent.
 */

import type {
  CommandPrompt,
  HostKeyPrompt,
  KeyboardInteractivePrompt,
  PassphrasePrompt,
  PasswordPrompt,
  SaslCredentialsPrompt,
} from '../../../shared/model';

// The requests are plain data shared with the window, so they are defined once, in shared/.
export type {
  CommandPrompt,
  HostKeyPrompt,
  KeyboardInteractivePrompt,
  PassphrasePrompt,
  PasswordPrompt,
  PromptRequest,
  SaslCredentialsPrompt,
} from '../../../shared/model';

/** A SASL identity, used for one exchange and then dropped. */
export interface SaslCredentials {
  readonly user: string;
  readonly password: string;
}

export interface Prompts {
  hostKey?(request: HostKeyPrompt): Promise<boolean>;
  password?(request: PasswordPrompt): Promise<string | null>;
  passphrase?(request: PassphrasePrompt): Promise<string | null>;
  keyboardInteractive?(request: KeyboardInteractivePrompt): Promise<string[] | null>;
  confirmCommand?(request: CommandPrompt): Promise<boolean>;
  saslCredentials?(request: SaslCredentialsPrompt): Promise<SaslCredentials | null>;
}
