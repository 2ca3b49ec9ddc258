import type { ConnectionState, ConnectionView, DomainSummary, Prompt } from '../../../shared/model';

export function view(id: string, state: ConnectionState = { kind: 'idle' }): ConnectionView {
  return { profile: { id, uri: `test:///${id}`, name: `Host ${id}`, autoconnect: false, reconnect: false }, state };
}

export const OPEN: ConnectionState = { kind: 'open', since: 1, verified: true };

export function domain(name: string, state: DomainSummary['state'] = 'running'): DomainSummary {
  return { uuid: `00000000-0000-0000-0000-${name.padStart(12, '0').slice(-12)}`, name, id: state === 'running' ? 1 : null, state, vcpus: 2, memoryKiB: 1_048_576, maxMemoryKiB: 1_048_576 };
}

export function prompt(id: string, connectionId = 'a'): Prompt {
  return { id, connectionId, request: { kind: 'password', user: 'root', host: 'h', port: 22, attempt: 1 }, expiresAt: Date.now() + 60_000 };
}
