/** Connection-level procedures of the REMOTE program. */
import { int, uhyper, uint, varArray, fixedArray, struct, mapped } from '../../xdr/codec';
import { nonnullString, optionalString } from '../types';
import { proc } from './define';

/** REMOTE_AUTH_TYPE_LIST_MAX */
const AUTH_TYPE_LIST_MAX = 20;
/** REMOTE_AUTH_SASL_DATA_MAX */
const AUTH_SASL_DATA_MAX = 65536;

/**
 * SASL payloads are `char data<>`: an XDR array of `char`, each char in its own 4-byte word
 * (seen on libvirtd 9.0 and 11.3: a 45-byte SCRAM client-first message is 4 + 180 bytes on the
 * wire). Exposed as the bytes they carry.
 */
const saslBytes = mapped(
  varArray(int, AUTH_SASL_DATA_MAX),
  (chars): Buffer => Buffer.from(chars.map((c) => c & 0xff)),
  // C's char is signed here: bytes above 127 go out as the negative ints libvirtd's xdr_char expects.
  (bytes: Buffer) => Array.from(bytes, (b) => (b << 24) >> 24),
);

/** `int nil; char data<>`: nil = 1 means "no data", which SASL tells apart from empty data. */
const saslData = {
  nil: int,
  data: saslBytes,
};

/**
 * `char model[32]`: XDR gives each char its own 4-byte word (128 bytes on the wire);
 * exposed as the NUL-terminated string it holds.
 */
const MODEL_CHARS = 32;
const charArrayString = mapped(
  fixedArray(int, MODEL_CHARS),
  (chars) => {
    const bytes: number[] = [];
    for (const c of chars) {
      if ((c & 0xff) === 0) break;
      bytes.push(c & 0xff);
    }
    return Buffer.from(bytes).toString('latin1');
  },
  (text: string) => {
    const bytes = Buffer.from(text, 'latin1').subarray(0, MODEL_CHARS - 1);
    return Array.from({ length: MODEL_CHARS }, (_, i) => bytes[i] ?? 0);
  },
);

export const connectProcedures = {
  connectOpen: proc(1, struct({ name: optionalString, flags: uint })),
  connectClose: proc(2),
  connectGetType: proc(3, undefined, struct({ type: nonnullString })),
  connectGetVersion: proc(4, undefined, struct({ hvVer: uhyper })),
  nodeGetInfo: proc(
    6,
    undefined,
    struct({
      model: charArrayString,
      memory: uhyper,
      cpus: int,
      mhz: int,
      nodes: int,
      sockets: int,
      cores: int,
      threads: int,
    }),
  ),
  connectGetCapabilities: proc(7, undefined, struct({ capabilities: nonnullString })),
  connectGetHostname: proc(59, undefined, struct({ hostname: nonnullString })),
  connectSupportsFeature: proc(60, struct({ feature: int }), struct({ supported: int })),
  authList: proc(66, undefined, struct({ types: varArray(int, AUTH_TYPE_LIST_MAX) })),
  authSaslInit: proc(67, undefined, struct({ mechlist: nonnullString })),
  authSaslStart: proc(68, struct({ mech: nonnullString, ...saslData }), struct({ complete: int, ...saslData })),
  authSaslStep: proc(69, struct(saslData), struct({ complete: int, ...saslData })),
  authPolkit: proc(70, undefined, struct({ complete: int })),
  connectGetUri: proc(110, undefined, struct({ uri: nonnullString })),
  connectGetLibVersion: proc(157, undefined, struct({ libVer: uhyper })),
  connectRegisterCloseCallback: proc(360),
  connectUnregisterCloseCallback: proc(361),
} as const;

