/** The public face of the libvirt library: open a connection, or speak RPC directly.
 *  Nothing outside electron/libvirt imports its folders; everything goes through here. */
export { openUri, type OpenUriOptions } from './connect';
export { open, openOverStream } from './drivers/remote/open';
export { RemoteConnection } from './drivers/remote/connection';
export type { AllDomainStatsOptions, Connection } from './driver/api';
export type { AuthOptions, ConnectionOptions, OpenOptions } from './drivers/remote/options';
export type { ServerFeatures } from './drivers/remote/handshake';
export * from './driver/model';
export { domainStateName } from './driver/mappers';
export * from './errors';
export { ErrorCode, type ErrorCodeName } from './protocol/error-codes';
export { RpcClient, type CallOptions, type StreamHandler } from './rpc/client';
export type { KeepaliveOptions } from './rpc/keepalive';
export type {
  CommandPrompt, ExtTarget, HostKeyPrompt, KeyboardInteractivePrompt, PassphrasePrompt, PasswordPrompt, PromptRequest, Prompts,
  SaslCredentials, SaslCredentialsPrompt,
  SshEnvironment, SshTarget, TcpTarget, TlsTarget, TransportInfo, TransportTarget, UnixTarget,
} from './transport';
export type { HostEndpoint } from './transport';
export { describeTarget, isUnverified, openTransport, type OpenedTransport, type TransportOptions } from './transport';
export type { ProcedureName, ArgsOf, ResultOf } from './protocol/procedures';
export { listDomainDetails, StatsGroup, type DomainDetails, type DomainListing } from './queries';
export { runDomainAction } from './actions';
/** Wire facts, for tools that read the protocol on the wire (bench:ui's RPC counter). */
export { HEADER_SIZE, LENGTH_WORD, MessageType, Program } from './protocol/constants';
export * from './manage';
