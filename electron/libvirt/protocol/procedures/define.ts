import { voidCodec, type Codec } from '../../xdr/codec';

/** One row of the procedure table: the facts of remote_protocol.x for one call. */
export interface Procedure<A, R> {
  readonly number: number;
  readonly args: Codec<A>;
  readonly ret: Codec<R>;
}

export function proc<A = undefined, R = undefined>(
  number: number,
  args: Codec<A> = voidCodec as Codec<A>,
  ret: Codec<R> = voidCodec as Codec<R>,
): Procedure<A, R> {
  return { number, args, ret };
}
