/** The names libvirt turns into file names: checked here so the refusal says what is wrong. */
import { ManageError, type ManageProblem } from './errors';

/** A control character: invisible in every list that shows the name. */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function check(problem: ManageProblem, what: string, name: string): void {
  if (name.trim() === '') throw new ManageError(problem, `a ${what} name cannot be empty`);
  if (name.includes('/')) throw new ManageError(problem, `the ${what} name '${name}' contains a slash; names become file names, so '/' is not allowed`);
  if (name === '.' || name === '..') throw new ManageError(problem, `'${name}' cannot be a ${what} name`);
  if (hasControl(name)) throw new ManageError(problem, `the ${what} name ${JSON.stringify(name)} contains a control character`);
}

export function checkVolumeName(name: string): void {
  check('volume-name', 'volume', name);
}

export function checkDomainName(name: string): void {
  check('domain-name', 'domain', name);
}

export function checkSnapshotName(name: string): void {
  check('snapshot-name', 'snapshot', name);
}
