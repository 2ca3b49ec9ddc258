/**
 * The transports' questions (host keys, passwords, passphrases, commands) turned into
 * prompts for the window that owns the connection, and the person's answers turned back.
 * Anything but a matching answer, including silence until the deadline, is a refusal.
 */
import type { Prompts } from '../../libvirt/transport/prompts';
import type { PromptBroker } from './prompt-broker';

export function promptsFor(connectionId: string, broker: PromptBroker): Prompts {
  return {
    hostKey: async ({ host, port, keyType, fingerprint, knownHostsFile }) =>
      (await broker.ask(connectionId, { kind: 'host-key', host, port, keyType, fingerprint, knownHostsFile }))?.kind === 'accept',
    password: async ({ user, host }) => {
      const answer = await broker.ask(connectionId, { kind: 'password', user, host });
      return answer?.kind === 'secret' ? answer.value : null;
    },
    passphrase: async ({ keyPath }) => {
      const answer = await broker.ask(connectionId, { kind: 'passphrase', keyPath });
      return answer?.kind === 'secret' ? answer.value : null;
    },
    keyboardInteractive: async ({ name, instructions, prompts }) => {
      const answer = await broker.ask(connectionId, { kind: 'keyboard-interactive', name, instructions, prompts });
      return answer?.kind === 'responses' ? [...answer.values] : null;
    },
    confirmCommand: async ({ argv }) => (await broker.ask(connectionId, { kind: 'confirm-command', argv }))?.kind === 'accept',
  };
}
