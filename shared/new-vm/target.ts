/** Where a new VM runs, chosen from the host's capabilities, and where libvirt's refusal belongs. */
import type { CapabilitiesSummary } from '../capabilities';
import type { AppError } from '../errors';
import type { VmTarget } from './spec';
import type { VmStep } from './validate';

/** Hardware acceleration first, then emulation, then whatever the driver offers (test). */
const DOMAIN_TYPE_PREFERENCE = ['kvm', 'qemu'];

/** An hvm guest of the host's own architecture, else the first hvm guest; null when there is none. */
export function chooseVmTarget(caps: CapabilitiesSummary): VmTarget | null {
  const hvm = caps.guests.filter((g) => g.osType === 'hvm' && g.domainTypes.length > 0);
  const guest = hvm.find((g) => g.arch === caps.hostArch) ?? hvm[0];
  if (guest === undefined) return null;
  const domainType = DOMAIN_TYPE_PREFERENCE.find((t) => guest.domainTypes.includes(t)) ?? guest.domainTypes[0];
  return domainType === undefined ? null : { domainType, arch: guest.arch };
}

/** libvirt's virErrorNumber values (virterror.h) that settle the step by themselves. */
const NO_STORAGE_POOL = 49;
const NO_STORAGE_VOL = 50;
const DOM_EXIST = 28;

/**
 * The assistant's step where a failed define (or volume creation) is shown: a name libvirt
 * refuses or already has at the name step, a pool or volume at storage, all else at review,
 * where the XML is.
 */
export function stepForDefineError(error: AppError): VmStep {
  const text = error.message.toLowerCase();
  if (error.kind === 'libvirt' && (error.code === NO_STORAGE_POOL || error.code === NO_STORAGE_VOL)) return 'storage';
  if (error.kind === 'libvirt' && error.code === DOM_EXIST) return 'name';
  if (/\b(storage|pool|volume)\b/.test(text)) return 'storage';
  if (/\bname\b|already exists/.test(text)) return 'name';
  return 'review';
}
