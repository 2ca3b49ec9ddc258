/**
 * THE table of REMOTE program procedures: name -> {number, args codec, result codec}.
 * Numbers and layouts are those of libvirt's src/remote/remote_protocol.x; the typed
 * call API (`RpcClient.call`) is derived from this table and nothing else.
 */
import type { Decoded } from '../../xdr/codec';
import { connectProcedures } from './connect';
import { domainProcedures } from './domain';
import { networkProcedures } from './network';
import { storageProcedures } from './storage';
import { snapshotProcedures } from './snapshot';
import { volumeProcedures } from './volume';

export const procedures = {
  ...connectProcedures,
  ...domainProcedures,
  ...networkProcedures,
  ...storageProcedures,
  ...volumeProcedures,
  ...snapshotProcedures,
} as const;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type ArgsOf<N extends ProcedureName> = Decoded<Procedures[N]['args']>;
export type ResultOf<N extends ProcedureName> = Decoded<Procedures[N]['ret']>;

export { DOMAIN_LIST_MAX } from './domain';
export type { Procedure } from './define';
