/**
 * The devices each OS preset picks. Linux has virtio drivers built in, so it gets the
 * fast paravirtual disk and NIC. Windows has none until its virtio drivers are installed,
 * so it gets devices its installer knows (SATA, e1000e) and a USB tablet, which keeps the
 * VNC pointer in step. "Other" is the conservative choice for an unknown guest.
 */
import type { OsPreset } from './spec';

export interface PresetDevices {
  readonly diskBus: 'virtio' | 'sata';
  readonly nicModel: 'virtio' | 'e1000e' | 'e1000';
  readonly usbTablet: boolean;
  /** Windows keeps the RTC in local time. */
  readonly clock: 'utc' | 'localtime';
}

export function presetDevices(preset: OsPreset): PresetDevices {
  switch (preset) {
    case 'linux': return { diskBus: 'virtio', nicModel: 'virtio', usbTablet: false, clock: 'utc' };
    case 'windows': return { diskBus: 'sata', nicModel: 'e1000e', usbTablet: true, clock: 'localtime' };
    case 'other': return { diskBus: 'sata', nicModel: 'e1000', usbTablet: true, clock: 'utc' };
  }
}

export const PRESET_LABELS: Readonly<Record<OsPreset, string>> = {
  linux: 'Linux (virtio disk and network)',
  windows: 'Windows (SATA disk, e1000e network, USB tablet)',
  other: 'Other (SATA disk, e1000 network)',
};
