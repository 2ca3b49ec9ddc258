/**
 * The command libvirt runs on the far side of an SSH session (virNetClientSSHHelperCommand
 * in src/rpc/virnetclient.c), reproduced byte for byte so a server configured for libvirt
 * (a forced command, an audit rule) sees exactly what virsh would send. The SSH server
 * hands it to the user's shell, which runs `sh -c '...'`: hence the netcat path and the
 * helper URI are quoted twice. The socket path goes in unquoted, as libvirt does.
 */
import type { SshProxy } from '../../../../shared/uri';

export interface RemoteCommandOptions {
  readonly proxy: SshProxy;
  /** netcat=: implies proxy=netcat under proxy=auto. */
  readonly netcat: string | undefined;
  /** The daemon socket on the far side, for netcat. */
  readonly socketPath: string;
  /** The URI virt-ssh-helper opens. */
  readonly helperUri: string;
  readonly readOnly: boolean;
}

const SHELL_SPECIAL = /[\r\t\n !"#$&'()*;<>?[\\\]^`{|}~]/;

/** libvirt's virBufferEscapeShell: as is when harmless, else in single quotes. */
export function shellQuote(text: string): string {
  if (text === '') return "''";
  if (!SHELL_SPECIAL.test(text)) return text;
  return `'${text.replace(/'/g, "'\\''")}'`;
}

const twice = (text: string): string => shellQuote(shellQuote(text));

export function libvirtRemoteCommand(options: RemoteCommandOptions): string {
  const nc = twice(options.netcat ?? 'nc');
  const netcat =
    `if '${nc}' -q 2>&1 | grep "requires an argument" >/dev/null 2>&1; then ARG=-q0;else ARG=;fi;` +
    `'${nc}' $ARG -U ${options.socketPath}`;
  const helper = `virt-ssh-helper${options.readOnly ? ' -r ' : ' '}'${twice(options.helperUri)}'`;
  const proxy = options.proxy === 'auto' && options.netcat !== undefined ? 'netcat' : options.proxy;
  switch (proxy) {
    case 'auto':
      return `sh -c 'which virt-ssh-helper 1>/dev/null 2>&1; if test $? = 0; then     ${helper}; else    ${netcat}; fi'`;
    case 'netcat':
      return `sh -c '${netcat}'`;
    case 'native':
      return `sh -c '${helper}'`;
  }
}
