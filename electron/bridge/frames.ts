/**
 * One incoming text frame in, at most one result frame out. Pure of sockets, so every
 * hostile input can be tested without a network: nothing here throws.
 */
import { invokeFrameSchema, type ResultFrame } from '../../shared/bridge-protocol';
import type { AppError } from '../../shared/errors';
import type { WireResult, InvokeChannel } from '../../shared/ipc';

/** Main's dispatch with the calling socket already bound as the owner. */
export type SocketDispatch = (channel: string, args: readonly unknown[]) => Promise<WireResult<InvokeChannel>>;

function idOf(doc: unknown): number | undefined {
  if (typeof doc !== 'object' || doc === null || !('id' in doc)) return undefined;
  const { id } = doc;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

export function errorFrame(id: number, error: AppError): ResultFrame {
  return { type: 'result', id, result: { ok: false, error } };
}

export async function handleFrame(text: string, dispatch: SocketDispatch): Promise<ResultFrame | undefined> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    // Without an id there is no one to answer.
    return undefined;
  }
  const parsed = invokeFrameSchema.safeParse(doc);
  if (!parsed.success) {
    const id = idOf(doc);
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.map(String).join('.')})` : '';
    return id === undefined ? undefined : errorFrame(id, { kind: 'invalid-argument', message: `malformed bridge frame${where}: ${issue?.message ?? 'rejected'}` });
  }
  const { id, channel, args } = parsed.data;
  try {
    return { type: 'result', id, result: await dispatch(channel, args) };
  } catch (error) {
    // dispatch turns every failure into a value; this guards against one that does not.
    return errorFrame(id, { kind: 'internal', message: error instanceof Error ? error.message : String(error) });
  }
}
