import type { ConnectionState, PromptRequest } from '../../../shared/model';

export type StateTone = 'ok' | 'warn' | 'bad' | 'busy' | 'off';

export interface StateLabel {
  readonly tone: StateTone;
  readonly text: string;
}

function questionWords(method: PromptRequest['kind']): string {
  switch (method) {
    case 'host-key': return 'check the host key';
    case 'password': return 'password';
    case 'passphrase': return 'key passphrase';
    case 'keyboard-interactive': return 'login questions';
    case 'confirm-command': return 'confirm the command';
    case 'sasl-credentials': return 'user name and password';
    case 'vnc-password': return 'VNC password';
  }
}

/** A connection's state in the words and colour the sidebar shows; `now` for the retry countdown. */
export function describeState(state: ConnectionState, now: number): StateLabel {
  switch (state.kind) {
    case 'idle': return { tone: 'off', text: 'Not connected' };
    case 'closed': return { tone: 'off', text: 'Disconnected' };
    case 'connecting': return { tone: 'busy', text: state.attempt > 1 ? `Connecting… (attempt ${state.attempt})` : 'Connecting…' };
    case 'authenticating': return { tone: 'busy', text: `Waiting for you: ${questionWords(state.method)}` };
    case 'open': return state.verified ? { tone: 'ok', text: 'Connected' } : { tone: 'warn', text: 'Connected (unverified)' };
    case 'failed': {
      if (state.retryAt !== null && state.retryAt > now) {
        const seconds = Math.ceil((state.retryAt - now) / 1000);
        return { tone: 'bad', text: `Failed: ${state.error.message}. Retrying in ${seconds}s` };
      }
      return { tone: 'bad', text: `Failed: ${state.error.message}` };
    }
  }
}

/** Open connections can be asked for host info and domains. */
export function isUsable(state: ConnectionState): boolean {
  return state.kind === 'open';
}
