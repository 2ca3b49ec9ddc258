/**
 * The New VM model checked before anything reaches libvirt, each refusal in words and tied
 * to the assistant's step where the person can fix it.
 */
import type { HostLimits, VmSpec } from './spec';

export const VM_STEPS = ['name', 'os', 'resources', 'storage', 'network', 'review'] as const;
export type VmStep = (typeof VM_STEPS)[number];

export interface VmProblem {
  readonly step: VmStep;
  readonly message: string;
}

const MAX_NAME = 64;
const MIN_MEMORY_MIB = 16;

/** Why `name` cannot name a domain or a volume, or null. */
export function nameProblem(name: string, what: string): string | null {
  if (name.trim() === '') return `the ${what} is empty`;
  if (name !== name.trim()) return `the ${what} starts or ends with a space`;
  if (name.length > MAX_NAME) return `the ${what} is longer than ${MAX_NAME} characters`;
  if (name.includes('/')) return `the ${what} "${name}" contains a slash, which libvirt refuses in names`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(name)) return `the ${what} contains a control character`;
  return null;
}

function nameStep(spec: VmSpec): VmProblem[] {
  const problems: VmProblem[] = [];
  const name = nameProblem(spec.name, 'name');
  if (name !== null) problems.push({ step: 'name', message: name });
  if (spec.install.kind === 'iso' && (spec.install.pool === '' || spec.install.volume === '')) {
    problems.push({ step: 'name', message: 'choose the ISO volume to install from' });
  }
  return problems;
}

function resourcesStep(spec: VmSpec, host: HostLimits): VmProblem[] {
  const problems: VmProblem[] = [];
  const hostMiB = Math.floor(host.memoryKiB / 1024);
  if (!Number.isInteger(spec.memoryMiB) || spec.memoryMiB < MIN_MEMORY_MIB) {
    problems.push({ step: 'resources', message: `memory must be a whole number of MiB, at least ${MIN_MEMORY_MIB}` });
  } else if (spec.memoryMiB > hostMiB) {
    problems.push({ step: 'resources', message: `memory of ${spec.memoryMiB} MiB is more than the host's ${hostMiB} MiB` });
  }
  if (!Number.isInteger(spec.vcpus) || spec.vcpus < 1) {
    problems.push({ step: 'resources', message: 'vCPUs must be a whole number, at least 1' });
  } else if (spec.vcpus > host.cpus) {
    problems.push({ step: 'resources', message: `${spec.vcpus} vCPUs are more than the host's ${host.cpus} CPUs` });
  }
  return problems;
}

function storageStep(spec: VmSpec, host: HostLimits): VmProblem[] {
  const problems: VmProblem[] = [];
  const disk = spec.disk;
  switch (disk.kind) {
    case 'none':
      if (spec.install.kind === 'disk') problems.push({ step: 'storage', message: 'installing from an existing disk needs that disk: choose its volume' });
      break;
    case 'existing':
      if (disk.pool === '' || disk.volume === '') problems.push({ step: 'storage', message: 'choose the existing disk volume' });
      break;
    case 'new': {
      if (disk.pool === '') problems.push({ step: 'storage', message: 'choose the pool for the new disk' });
      const volume = nameProblem(disk.volume, 'volume name');
      if (volume !== null) problems.push({ step: 'storage', message: volume });
      if (!Number.isInteger(disk.capacityMiB) || disk.capacityMiB < 1) {
        problems.push({ step: 'storage', message: 'the disk size must be a whole number of MiB, at least 1' });
      } else {
        const available = host.poolAvailableBytes.get(disk.pool);
        // qcow2 could start smaller, but a disk the pool can never hold fails the guest later, mid-write.
        if (available !== undefined && disk.capacityMiB * 1024 * 1024 > available) {
          problems.push({ step: 'storage', message: `pool "${disk.pool}" has ${Math.floor(available / 1024 / 1024)} MiB free, less than the ${disk.capacityMiB} MiB disk` });
        }
      }
      break;
    }
  }
  return problems;
}

function networkStep(spec: VmSpec): VmProblem[] {
  return spec.network.kind === 'network' && spec.network.name === '' ? [{ step: 'network', message: 'choose a virtual network, or none' }] : [];
}

/** Every problem of `spec` on this host, in the order of the assistant's steps. */
export function validateVmSpec(spec: VmSpec, host: HostLimits): VmProblem[] {
  return [...nameStep(spec), ...resourcesStep(spec, host), ...storageStep(spec, host), ...networkStep(spec)];
}

/** The problems of one step. */
export function problemsAt(problems: readonly VmProblem[], step: VmStep): VmProblem[] {
  return problems.filter((p) => p.step === step);
}
