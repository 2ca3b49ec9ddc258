/** Object references and small shared types of remote_protocol.x. */
import { ProtocolError } from '../errors';
import { fixedOpaque, int, optional, string, struct, type Codec, type Decoded } from '../xdr/codec';
import { STRING_MAX } from './constants';

export const nonnullString = string(STRING_MAX);
export const optionalString = optional(nonnullString);

const UUID_BYTES = 16;

/** Formats 16 bytes as libvirt prints UUIDs: 8-4-4-4-12 lower-case hex. */
export function formatUuid(bytes: Uint8Array): string {
  return dashed(Buffer.from(bytes).toString('hex'));
}

/**
 * Every call on a domain sends its UUID: the bytes of recently used ones are kept, so a
 * burst of calls on a thousand domains parses each text once. Bounded, and the buffers
 * are only ever read.
 */
const uuidBytes = new Map<string, Buffer>();
const UUID_CACHE_MAX = 16_384;

/** Parses a UUID with or without dashes; anything else is a caller error. */
export function parseUuid(text: string): Buffer {
  const cached = uuidBytes.get(text);
  if (cached !== undefined) return cached;
  const hex = text.replace(/-/g, '');
  if (!/^[0-9a-fA-F]{32}$/.test(hex)) throw new ProtocolError(`invalid UUID "${text}"`);
  const bytes = Buffer.from(hex, 'hex');
  if (uuidBytes.size >= UUID_CACHE_MAX) uuidBytes.clear();
  uuidBytes.set(text, bytes);
  return bytes;
}

/** 32 hex digits as 8-4-4-4-12. */
function dashed(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const uuidBytesCodec = fixedOpaque(UUID_BYTES);

/**
 * remote_uuid (opaque[16]), exposed as its text form. Every listed domain carries one: it
 * is read as hex where it lies, not copied out first.
 */
export const uuid: Codec<string> = {
  minSize: uuidBytesCodec.minSize,
  encode: (w, text) => { uuidBytesCodec.encode(w, parseUuid(text)); },
  decode: (r) => dashed(r.fixedOpaqueHex(UUID_BYTES)),
};

const domainRefWire = struct({ name: nonnullString, uuid, id: int });
export type DomainRef = Decoded<typeof domainRefWire>;

/** remote_nonnull_domain; read without the generic struct walk, as listings carry thousands. */
export const domainRef: Codec<DomainRef> = {
  minSize: domainRefWire.minSize,
  encode: (w, ref) => { domainRefWire.encode(w, ref); },
  decode: (r) => {
    const name = r.string(STRING_MAX);
    const text = uuid.decode(r);
    return { name, uuid: text, id: r.int() };
  },
};

export const networkRef = struct({ name: nonnullString, uuid });
export type NetworkRef = Decoded<typeof networkRef>;

export const storagePoolRef = struct({ name: nonnullString, uuid });
export type StoragePoolRef = Decoded<typeof storagePoolRef>;

export const storageVolRef = struct({ pool: nonnullString, name: nonnullString, key: nonnullString });
export type StorageVolRef = Decoded<typeof storageVolRef>;
