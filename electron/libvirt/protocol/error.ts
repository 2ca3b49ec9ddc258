/** The remote_error struct that fills the payload of every ERROR reply. */
import { int, optional, struct, type Decoded } from '../xdr/codec';
import { LibvirtError } from './libvirt-error';
import { domainRef, networkRef, optionalString } from './types';

export const remoteError = struct({
  code: int,
  domain: int,
  message: optionalString,
  level: int,
  dom: optional(domainRef),
  str1: optionalString,
  str2: optionalString,
  str3: optionalString,
  int1: int,
  int2: int,
  net: optional(networkRef),
});
export type RemoteError = Decoded<typeof remoteError>;

export function toLibvirtError(e: RemoteError): LibvirtError {
  return new LibvirtError(e.code, e.domain, e.level, e.message ?? `libvirt error ${e.code}`);
}
