/** The public face of the libvirt library: open a connection, or speak RPC directly. */
export { open, openOverStream } from './connection/open';
export { RemoteConnection } from './connection/connection';
export type { AllDomainStatsOptions, Connection } from './connection/api';
export type { ConnectionOptions, OpenOptions } from './connection/options';
export type { ServerFeatures } from './connection/handshake';
export * from './connection/model';
export * from './errors';
export { ErrorCode, type ErrorCodeName } from './protocol/error-codes';
export { RpcClient, type CallOptions, type StreamHandler } from './rpc/client';
export type { KeepaliveOptions } from './rpc/keepalive';
export type {
  CommandPrompt, ExtTarget, HostKeyPrompt, KeyboardInteractivePrompt, PassphrasePrompt, PasswordPrompt, PromptRequest, Prompts,
  SshEnvironment, SshTarget, TcpTarget, TlsTarget, TransportInfo, TransportTarget, UnixTarget,
} from './transport';
export { describeTarget, isUnverified, openTransport, type OpenedTransport, type TransportOptions } from './transport';
export type { ProcedureName, ArgsOf, ResultOf } from './protocol/procedures';
export { listDomainDetails, StatsGroup, type DomainDetails } from './queries';
export { runDomainAction } from './actions';
