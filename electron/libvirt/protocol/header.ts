import { ProtocolError } from '../errors';
import { XdrReader } from '../xdr/reader';
import { XdrWriter } from '../xdr/writer';
import { HEADER_SIZE, MessageStatus, MessageType, Program, PROTOCOL_VERSION } from './constants';

export interface Header {
  readonly program: number;
  readonly version: number;
  readonly procedure: number;
  readonly type: MessageType;
  readonly serial: number;
  readonly status: MessageStatus;
}

const knownPrograms: ReadonlySet<number> = new Set(Object.values(Program));
const knownTypes: ReadonlySet<number> = new Set(Object.values(MessageType));
const knownStatuses: ReadonlySet<number> = new Set(Object.values(MessageStatus));

function isType(v: number): v is MessageType {
  return knownTypes.has(v);
}
function isStatus(v: number): v is MessageStatus {
  return knownStatuses.has(v);
}

export function writeHeader(w: XdrWriter, h: Header): void {
  w.uint(h.program);
  w.uint(h.version);
  w.int(h.procedure);
  w.int(h.type);
  w.uint(h.serial);
  w.int(h.status);
}

/** Reads and validates the header: an unknown program, version, type or status is fatal. */
export function readHeader(r: XdrReader): Header {
  r.need(HEADER_SIZE, 'header');
  const program = r.uint();
  const version = r.uint();
  const procedure = r.int();
  const type = r.int();
  const serial = r.uint();
  const status = r.int();
  if (!knownPrograms.has(program)) throw new ProtocolError(`unknown program 0x${program.toString(16)}`);
  if (version !== PROTOCOL_VERSION) throw new ProtocolError(`unsupported program version ${version}`);
  if (!isType(type)) throw new ProtocolError(`unknown message type ${type}`);
  if (!isStatus(status)) throw new ProtocolError(`unknown message status ${status}`);
  return { program, version, procedure, type, serial, status };
}
