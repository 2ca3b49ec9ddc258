/**
 * virtdeck-cli's answers to the transports' questions, asked on the terminal as ssh asks
 * them: host-key trust with its fingerprint (yes/no), passwords and passphrases without
 * echo. Without a terminal on stdin nobody can answer, so each question fails at once with
 * a sentence saying what was needed, instead of waiting on input that never comes.
 */
import type { Readable, Writable } from 'node:stream';
import type { PromptRequest, Prompts } from '../libvirt';

export interface Terminal {
  readonly input: Readable & { readonly isTTY?: boolean };
  /** Where questions go: stderr, so that stdout stays clean for --json. */
  readonly output: Writable;
}

/** Raised when a question needs a person and stdin is not a terminal. */
export class NoTerminalError extends Error {
  readonly kind = 'no-terminal';
  constructor(need: string) {
    super(`${need}, but stdin is not a terminal to ask on; run virtdeck-cli interactively, or give what it needs in the URI (keyfile=, known_hosts=, authfile=), an ssh-agent or libvirt's auth file`);
    this.name = 'NoTerminalError';
  }
}

function describeNeed(request: PromptRequest): string {
  switch (request.kind) {
    case 'host-key':
      return `the SSH host key of ${request.host}:${request.port} (${request.keyType} ${request.fingerprint}) is not in ${request.knownHostsFile}`;
    case 'password':
      return `a password is needed for ${request.user}@${request.host}`;
    case 'passphrase':
      return `a passphrase is needed for the key ${request.keyPath}`;
    case 'keyboard-interactive':
      return `${request.host} asks questions to log in ${request.user}`;
    case 'confirm-command':
      return `the URI asks to run ${request.argv.join(' ')}, which needs confirming`;
    case 'sasl-credentials':
      return `libvirtd on ${request.host} asks for a SASL user name and password (${request.mechanism}); libvirt's auth file ([credentials-NAME] with authname= and password=, selected by [auth-libvirt-${request.host}]) gives them without a terminal`;
    case 'vnc-password':
      return `the VNC screen of ${request.domain} asks for its password`;
  }
}

/**
 * The terminal is looked at when the first question comes, not before: `terminal.input` may
 * be a getter for process.stdin, whose first use opens the stream (25–55 ms on the busy
 * 2-core machine), and most runs ask nothing.
 */
export function terminalPrompts(terminal: Terminal): Required<Prompts> {
  let chosen: Promise<Required<Prompts>> | undefined;
  // The asking side (readline) is loaded with the first question on a terminal.
  const pick = (): Promise<Required<Prompts>> => (chosen ??= terminal.input.isTTY === true
    ? import('./terminal-questions').then(({ askingPrompts }) => askingPrompts(terminal))
    : Promise.resolve(refusingPrompts()));
  return {
    hostKey: async (r) => (await pick()).hostKey(r),
    password: async (r) => (await pick()).password(r),
    passphrase: async (r) => (await pick()).passphrase(r),
    keyboardInteractive: async (r) => (await pick()).keyboardInteractive(r),
    confirmCommand: async (r) => (await pick()).confirmCommand(r),
    saslCredentials: async (r) => (await pick()).saslCredentials(r),
  };
}

function refusingPrompts(): Required<Prompts> {
  const refuse = (request: PromptRequest): Promise<never> => Promise.reject(new NoTerminalError(describeNeed(request)));
  return { hostKey: refuse, password: refuse, passphrase: refuse, keyboardInteractive: refuse, confirmCommand: refuse, saslCredentials: refuse };
}
