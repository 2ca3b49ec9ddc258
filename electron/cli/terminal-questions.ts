/**
 * virtdeck-cli's questions on a terminal, as ssh asks them (terminal-prompts.ts decides
 * whether there is a terminal to ask on): loaded only when a question comes, so a run that
 * asks nothing never loads readline.
 */
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Prompts } from '../libvirt';
import type { Terminal } from './terminal-prompts';

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

export function askingPrompts(terminal: Terminal): Required<Prompts> {
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
