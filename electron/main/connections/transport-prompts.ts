/**
 * The transports' questions (host keys, passwords, passphrases, commands) turned into
 * prompts for the window that owns the connection, and the person's answers turned back.
 * Anything but a matching answer, including silence until the deadline, is a refusal.
 */
import type { Prompts } from '../../libvirt';
import type { PromptAnswer, PromptRequest } from '../../../shared/model';
import type { PromptBroker } from './prompt-broker';

/** Wraps a pending question, so the connection can say it waits on the person meanwhile. */
export type WhileAsking = <T>(method: PromptRequest['kind'], question: Promise<T>) => Promise<T>;

export function promptsFor(connectionId: string, broker: PromptBroker, whileAsking: WhileAsking): Prompts {
  const ask = (request: PromptRequest): Promise<PromptAnswer | null> => whileAsking(request.kind, broker.ask(connectionId, request));
  return {
    hostKey: async (request) => (await ask(request))?.kind === 'accept',
    password: async (request) => {
      const answer = await ask(request);
      return answer?.kind === 'secret' ? answer.value : null;
    },
    passphrase: async (request) => {
      const answer = await ask(request);
      return answer?.kind === 'secret' ? answer.value : null;
    },
    keyboardInteractive: async (request) => {
      const answer = await ask(request);
      return answer?.kind === 'responses' ? [...answer.values] : null;
    },
    confirmCommand: async (request) => (await ask(request))?.kind === 'accept',
    // Answered as [user, password]; the password goes to the exchange and is not kept.
    saslCredentials: async (request) => {
      const answer = await ask(request);
      if (answer?.kind !== 'responses') return null;
      const [user, password] = answer.values;
      return user === undefined || user === '' || password === undefined ? null : { user, password };
    },
  };
}
