/**
 * One entry for every invoke, whichever shell carries it (Electron's ipcMain or the
 * browser bridge): the channel is checked against the contract, the arguments against
 * its schema, and every outcome, failures included, becomes a WireResult value.
 */
import { isInvokeChannel, invokeSchemas, type InvokeArgs, type InvokeChannel, type InvokeResult, type WireResult } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import { Owner } from './owner';
import { toAppError } from './to-app-error';

/** Each channel's handler takes its validated arguments, then the caller that owns what it starts. */
export type Handlers = {
  readonly [C in InvokeChannel]: (...args: [...InvokeArgs<C>, Owner]) => Promise<InvokeResult<C>>;
};

/**
 * `owner` is the window or bridge socket that called; calls from inside main (tests, a
 * script) may leave it out, and what they start lives as long as the services.
 */
export type Dispatch = (channel: string, args: readonly unknown[], owner?: Owner) => Promise<WireResult<InvokeChannel>>;

function invalid(message: string, detail?: string): { ok: false; error: AppError } {
  return { ok: false, error: detail === undefined ? { kind: 'invalid-argument', message } : { kind: 'invalid-argument', message, detail } };
}

export function createDispatch(handlers: Handlers): Dispatch {
  const services = new Owner('main');
  return async (channel, args, owner = services) => {
    if (!isInvokeChannel(channel)) return invalid(`no such channel '${channel.slice(0, 80)}'`);
    const parsed = invokeSchemas[channel].safeParse(args);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` (argument ${issue.path.join('.')})` : '';
      return invalid(`invalid arguments for ${channel}${where}: ${issue?.message ?? 'rejected'}`);
    }
    try {
      // Safe: the schema of this very channel accepted the arguments.
      const handler = handlers[channel] as (...a: readonly unknown[]) => Promise<InvokeResult<InvokeChannel>>;
      const value = await handler(...parsed.data, owner);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  };
}
