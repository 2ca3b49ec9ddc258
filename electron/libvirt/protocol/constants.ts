/** Facts of libvirt's RPC layer (src/rpc/virnetprotocol.x, src/libvirt_internal.h). */

export const Program = {
  REMOTE: 0x20008086,
  QEMU: 0x20008087,
  KEEPALIVE: 0x6b656570,
} as const;
export const PROTOCOL_VERSION = 1;

export const KeepaliveProcedure = { PING: 1, PONG: 2 } as const;

export const MessageType = {
  CALL: 0,
  REPLY: 1,
  MESSAGE: 2,
  STREAM: 3,
  CALL_WITH_FDS: 4,
  REPLY_WITH_FDS: 5,
  STREAM_HOLE: 6,
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

export const MessageStatus = { OK: 0, ERROR: 1, CONTINUE: 2 } as const;
export type MessageStatus = (typeof MessageStatus)[keyof typeof MessageStatus];

/** VIR_NET_MESSAGE_MAX: the largest packet, not counting the 4-byte length word. */
export const MESSAGE_MAX = 33554432;
export const LENGTH_WORD = 4;
export const HEADER_SIZE = 24;
/** VIR_NET_MESSAGE_STRING_MAX and REMOTE_STRING_MAX. */
export const STRING_MAX = 4194304;

/** VIR_DRV_FEATURE_* numbers probed through CONNECT_SUPPORTS_FEATURE. */
export const Feature = {
  PROGRAM_KEEPALIVE: 10,
  REMOTE_EVENT_CALLBACK: 14,
  REMOTE_CLOSE_CALLBACK: 15,
} as const;

export const AuthType = { NONE: 0, SASL: 1, POLKIT: 2 } as const;
