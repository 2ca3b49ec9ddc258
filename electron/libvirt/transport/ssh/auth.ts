/**
 * The SSH authentication sequence as libvirt's libssh transport runs it: the methods of
 * sshauth= in order (default agent, privkey, password, keyboard-interactive), each only
 * while the server still offers it. Secrets come from the caller's prompts, never from
 * configuration; a key's passphrase is checked locally before the server sees the key.
 */
import { readFile } from 'node:fs/promises';
import ssh2, { type AnyAuthMethod, type AuthenticationType, type AuthHandlerMiddleware } from 'ssh2';
import type { SshAuthMethod } from '../../../../shared/uri';
import type { Prompts } from '../prompts';

// ssh2 is CommonJS: Node's ESM loader sees only its default export.
const { utils } = ssh2;

/** Tries per secret before giving up, as ssh's NumberOfPasswordPrompts. */
export const MAX_SECRET_ATTEMPTS = 3;

export interface AuthPlan {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  readonly methods: readonly SshAuthMethod[];
  /** The ssh-agent socket (SSH_AUTH_SOCK), if there is one. */
  readonly agentSocket: string | undefined;
  /** Private key files to offer, in order; files that do not exist are skipped. */
  readonly keyFiles: readonly string[];
  readonly prompts: Prompts | undefined;
  /** Runs a prompt with the connect deadline stopped. */
  readonly whilePrompting: <T>(work: Promise<T>) => Promise<T>;
}

/** What was tried, for the error message when nothing worked. */
export interface AuthLog {
  readonly tried: string[];
}

const serverName: Record<SshAuthMethod, AuthenticationType> = {
  agent: 'publickey',
  privkey: 'publickey',
  password: 'password',
  'keyboard-interactive': 'keyboard-interactive',
};

async function readKey(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch {
    return undefined;
  }
}

function isEncrypted(key: Buffer): boolean {
  const parsed = utils.parseKey(key);
  return parsed instanceof Error && /encrypted|passphrase/i.test(parsed.message);
}

async function* attempts(
  plan: AuthPlan,
  log: AuthLog,
  offered: (method: SshAuthMethod) => boolean,
  onError: (error: unknown) => void,
): AsyncGenerator<AnyAuthMethod> {
  const username = plan.user;
  for (const method of plan.methods) {
    // Asked before each method, so nobody is prompted for a secret the server would not take.
    if (!offered(method)) continue;
    switch (method) {
      case 'agent':
        if (plan.agentSocket !== undefined && plan.agentSocket !== '') {
          log.tried.push('agent');
          yield { type: 'agent', username, agent: plan.agentSocket };
        }
        break;
      case 'privkey':
        for (const file of plan.keyFiles) {
          const key = await readKey(file);
          if (key === undefined) continue;
          if (!isEncrypted(key)) {
            if (utils.parseKey(key) instanceof Error) continue;
            log.tried.push(`key ${file}`);
            yield { type: 'publickey', username, key };
            continue;
          }
          const passphrase = await askPassphrase(plan, file, key);
          if (passphrase === null) continue;
          log.tried.push(`key ${file}`);
          yield { type: 'publickey', username, key, passphrase };
        }
        break;
      case 'password':
        for (let attempt = 1; attempt <= MAX_SECRET_ATTEMPTS && plan.prompts?.password && offered(method); attempt++) {
          const password = await plan.whilePrompting(plan.prompts.password({ kind: 'password', user: username, host: plan.host, port: plan.port, attempt }));
          if (password === null) break;
          log.tried.push('password');
          yield { type: 'password', username, password };
        }
        break;
      case 'keyboard-interactive': {
        const ask = plan.prompts?.keyboardInteractive?.bind(plan.prompts);
        if (ask === undefined) break;
        log.tried.push('keyboard-interactive');
        yield {
          type: 'keyboard-interactive',
          username,
          prompt: (name, instructions, _lang, questions, finish) => {
            // PAM often sends an empty round before or after the real one: nothing to ask.
            if (questions.length === 0) {
              finish([]);
              return;
            }
            const request = {
              kind: 'keyboard-interactive' as const,
              user: username,
              host: plan.host,
              port: plan.port,
              name,
              instructions,
              prompts: questions.map((q) => ({ prompt: q.prompt, echo: q.echo ?? false })),
            };
            // A refusal answers nothing, which the server counts as a failed attempt; a
            // prompt that failed explains the outcome better than "authentication failed".
            plan.whilePrompting(ask(request)).then(
              (answers) => { finish(answers ?? []); },
              (error: unknown) => { onError(error); finish([]); },
            );
          },
        };
        break;
      }
    }
  }
}

/** Asks until the passphrase opens the key, at most MAX_SECRET_ATTEMPTS times; null: refused. */
async function askPassphrase(plan: AuthPlan, keyFile: string, key: Buffer): Promise<string | null> {
  const ask = plan.prompts?.passphrase?.bind(plan.prompts);
  if (ask === undefined) return null;
  for (let attempt = 1; attempt <= MAX_SECRET_ATTEMPTS; attempt++) {
    const passphrase = await plan.whilePrompting(ask({ kind: 'passphrase', keyPath: keyFile, attempt }));
    if (passphrase === null) return null;
    if (!(utils.parseKey(key, passphrase) instanceof Error)) return passphrase;
  }
  return null;
}

/**
 * ssh2's authHandler over the plan. `next(false)` ends authentication; ssh2 accepts it
 * although its type declarations do not say so.
 */
export function authHandler(plan: AuthPlan, log: AuthLog, onError: (error: unknown) => void): AuthHandlerMiddleware {
  // null before the first attempt: the server has not said yet what it takes.
  let left: AuthenticationType[] | null = null;
  const queue = attempts(plan, log, (method) => left === null || left.includes(serverName[method]), onError);
  return (methodsLeft: AuthenticationType[] | null, _partialSuccess, next) => {
    left = methodsLeft;
    const stop = next as unknown as (auth: AnyAuthMethod | false) => void;
    const pick = async (): Promise<AnyAuthMethod | false> => {
      const step = await queue.next();
      return step.done === true ? false : step.value;
    };
    pick().then(stop, (error: unknown) => {
      onError(error);
      stop(false);
    });
  };
}
