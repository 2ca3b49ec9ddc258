/**
 * virtdeck-cli's answers to the transports' questions, asked on the terminal as ssh asks
 * them: host-key trust with its fingerprint (yes/no), passwords and passphrases without
 * echo. Without a terminal on stdin nobody can answer, so each question fails at once with
 * a sentence saying what was needed, instead of waiting on input that never comes.
 */
import { createInterface } from 'node:readline';
import { Writable, type Readable } from 'node:stream';
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

/** One line of input; with `hidden`, what is typed is not echoed. null on end of input or Ctrl-C. */
function ask(terminal: Terminal, question: string, hidden: boolean): Promise<string | null> {
  let muted = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      if (!muted) terminal.output.write(chunk);
      callback();
    },
  });
  const rl = createInterface({ input: terminal.input, output: sink, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('SIGINT', () => { rl.close(); });
    rl.once('close', () => {
      if (hidden) terminal.output.write('\n');
      if (!answered) resolve(null);
    });
    rl.question(question, (answer) => {
      answered = true;
      resolve(answer);
      rl.close();
    });
    muted = hidden;
  });
}

async function askYesNo(terminal: Terminal, question: string): Promise<boolean> {
  for (;;) {
    const answer = await ask(terminal, question, false);
    if (answer === null) return false;
    const word = answer.trim().toLowerCase();
    if (word === 'yes') return true;
    if (word === 'no') return false;
    terminal.output.write("Please type 'yes' or 'no'.\n");
  }
}

/**
 * The terminal is looked at when the first question comes, not before: `terminal.input` may
 * be a getter for process.stdin, whose first use opens the stream (25–55 ms on the busy
 * 2-core machine), and most runs ask nothing.
 */
export function terminalPrompts(terminal: Terminal): Required<Prompts> {
  let chosen: Required<Prompts> | undefined;
  const pick = (): Required<Prompts> => (chosen ??= terminal.input.isTTY === true ? askingPrompts(terminal) : refusingPrompts());
  return {
    hostKey: (r) => pick().hostKey(r),
    password: (r) => pick().password(r),
    passphrase: (r) => pick().passphrase(r),
    keyboardInteractive: (r) => pick().keyboardInteractive(r),
    confirmCommand: (r) => pick().confirmCommand(r),
    saslCredentials: (r) => pick().saslCredentials(r),
  };
}

function refusingPrompts(): Required<Prompts> {
  const refuse = (request: PromptRequest): Promise<never> => Promise.reject(new NoTerminalError(describeNeed(request)));
  return { hostKey: refuse, password: refuse, passphrase: refuse, keyboardInteractive: refuse, confirmCommand: refuse, saslCredentials: refuse };
}

function askingPrompts(terminal: Terminal): Required<Prompts> {
  return {
    hostKey: (r) => {
      const where = r.port === 22 ? r.host : `[${r.host}]:${r.port}`;
      terminal.output.write(`The authenticity of host '${where}' can't be established.\n${r.keyType} key fingerprint is ${r.fingerprint}.\n`);
      return askYesNo(terminal, `Are you sure you want to continue connecting (yes/no)? `);
    },
    password: (r) => ask(terminal, `${r.attempt > 1 ? 'Permission denied, please try again.\n' : ''}${r.user}@${r.host}'s password: `, true),
    passphrase: (r) => ask(terminal, `${r.attempt > 1 ? 'Wrong passphrase.\n' : ''}Enter passphrase for key '${r.keyPath}': `, true),
    keyboardInteractive: async (r) => {
      for (const line of [r.name, r.instructions]) if (line !== '') terminal.output.write(`${line}\n`);
      const answers: string[] = [];
      for (const q of r.prompts) {
        const answer = await ask(terminal, q.prompt, !q.echo);
        if (answer === null) return null;
        answers.push(answer);
      }
      return answers;
    },
    confirmCommand: (r) => {
      terminal.output.write(`The URI asks to run this program on this machine: ${r.argv.join(' ')}\n`);
      return askYesNo(terminal, 'Run it (yes/no)? ');
    },
    saslCredentials: async (r) => {
      // As virsh asks: the name (Enter keeps the default), then the password without echo.
      const suffix = r.defaultUser === '' ? '' : ` [${r.defaultUser}]`;
      const typed = await ask(terminal, `Please enter your authentication name${suffix}: `, false);
      if (typed === null) return null;
      const user = typed.trim() === '' ? r.defaultUser : typed.trim();
      if (user === '') return null;
      const password = await ask(terminal, `Please enter your password: `, true);
      return password === null ? null : { user, password };
    },
  };
}
