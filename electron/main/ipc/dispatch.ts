/**
 * One entry for every invoke, whichever shell carries it (Electron's ipcMain or the
 * browser bridge): the channel is checked against the contract, the arguments against
 * its schema, and every outcome, failures included, becomes a WireResult value.
 */
import { isInvokeChannel, invokeSchemas, type InvokeArgs, type InvokeChannel, type InvokeResult, type WireResult } from '../../../shared/ipc';
import type { AppError } from '../../../shared/errors';
import { toAppError } from './to-app-error';

/** Who is calling: a window's webContents or a bridge socket, which owns what it opens. */
export interface Caller {
  readonly owner: string;
}

/** A caller that names no owner: tests and single-page shells. */
export const DEFAULT_CALLER: Caller = { owner: 'default' };

/** Each handler gets its channel's arguments, then the caller (most ignore it). */
export type Handlers = {
  readonly [C in InvokeChannel]: (...args: [...InvokeArgs<C>, Caller]) => Promise<InvokeResult<C>>;
};

export type Dispatch = (channel: string, args: readonly unknown[], caller?: Caller) => Promise<WireResult<InvokeChannel>>;

function invalid(message: string, detail?: string): { ok: false; error: AppError } {
  return { ok: false, error: detail === undefined ? { kind: 'invalid-argument', message } : { kind: 'invalid-argument', message, detail } };
}

export function createDispatch(handlers: Handlers): Dispatch {
  return async (channel, args, caller = DEFAULT_CALLER) => {
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
      const value = await handler(...parsed.data, caller);
      return { ok: true, value };
    } catch (error) {
      return { ok: false, error: toAppError(error) };
    }
  };
}
