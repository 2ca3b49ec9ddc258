/** The parameters the dialog offers by name, each with what it does in libvirt's words, shortened. */
export interface ParamHelp {
  readonly name: string;
  readonly help: string;
  readonly example: string;
}

export const OFFERED_PARAMS: readonly ParamHelp[] = [
  { name: 'keyfile', help: 'SSH: the private key to log in with, instead of the agent or ~/.ssh defaults.', example: '/home/admin/.ssh/id_ed25519' },
  { name: 'known_hosts', help: 'SSH: the known_hosts file that holds (or will hold) the host\'s key.', example: '/home/admin/.ssh/known_hosts' },
  { name: 'socket', help: 'The daemon\'s unix socket: local for unix, on the far side for SSH.', example: '/run/libvirt/libvirt-sock' },
  { name: 'pkipath', help: 'TLS: the folder with cacert.pem, clientcert.pem and clientkey.pem.', example: '/etc/pki/libvirt' },
  { name: 'no_verify', help: 'TLS: 1 connects even when the server\'s certificate does not check out; the connection shows as unverified.', example: '1' },
  { name: 'proxy', help: 'SSH: how the far side reaches the daemon: auto, netcat or native (virt-ssh-helper).', example: 'auto' },
  { name: 'mode', help: 'Which daemon to reach: auto, legacy (libvirtd) or direct (the modular virtqemud...).', example: 'auto' },
  { name: 'command', help: 'SSH: the ssh program to run; ext: the program that carries the connection.', example: '/usr/bin/ssh' },
  { name: 'name', help: 'The URI the daemon is asked to open, instead of the one derived from this URI.', example: 'qemu:///system' },
];

export function helpFor(name: string): ParamHelp | undefined {
  return OFFERED_PARAMS.find((p) => p.name === name.trim().toLowerCase());
}
