/**
 * What ~/.ssh/config says about a host, for the options this client honours: Host
 * aliases, HostName, User, Port, IdentityFile and ProxyJump. Parsed with the maintained
 * `ssh-config` package; `Match exec` is never evaluated, because running shell commands
 * from a config file is not something a libvirt client should do on its own.
 */
import { readFileSync } from 'node:fs';
import SSHConfig from 'ssh-config';

export interface SshHostConfig {
  /** The name to dial: HostName, else the alias itself. */
  readonly hostName: string;
  readonly user: string | undefined;
  readonly port: number | undefined;
  /** IdentityFile entries, with ~ and %d/%u/%h/%r expanded. */
  readonly identityFiles: readonly string[];
  /** ProxyJump hops as written ("none" is no hop). */
  readonly proxyJump: readonly string[];
}

export interface ConfigContext {
  readonly home: string;
  readonly localUser: string;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function all(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** ssh_config(5) TOKENS, the few that make sense for an identity file path. */
function expandPath(path: string, ctx: ConfigContext, host: string, user: string): string {
  const expanded = path.replace(/%([%dhru])/g, (_, token: string) => {
    switch (token) {
      case 'd': return ctx.home;
      case 'h': return host;
      case 'r': return user;
      case 'u': return ctx.localUser;
      default: return '%';
    }
  });
  return expanded.startsWith('~/') ? `${ctx.home}${expanded.slice(1)}` : expanded;
}

export function parseSshConfigText(text: string): SSHConfig {
  return SSHConfig.parse(text);
}

/** Reads a config file; a missing or unreadable file is an empty config, as for ssh. */
export function readSshConfig(file: string): SSHConfig {
  try {
    return SSHConfig.parse(readFileSync(file, 'utf8'));
  } catch {
    return SSHConfig.parse('');
  }
}

export function resolveHost(config: SSHConfig, alias: string, ctx: ConfigContext): SshHostConfig {
  const computed = config.compute(alias, { ignoreCase: true, matchExec: false });
  const hostName = first(computed.hostname) ?? alias;
  const user = first(computed.user);
  const portText = first(computed.port);
  const port = portText !== undefined && /^\d+$/.test(portText) ? Number(portText) : undefined;
  const jump = first(computed.proxyjump);
  return {
    hostName: hostName.replace(/%h/g, alias),
    user,
    port,
    identityFiles: all(computed.identityfile).map((f) => expandPath(f, ctx, hostName, user ?? ctx.localUser)),
    proxyJump: jump === undefined || jump.toLowerCase() === 'none' ? [] : jump.split(',').map((h) => h.trim()).filter((h) => h !== ''),
  };
}

export interface JumpHost {
  readonly host: string;
  readonly user: string | undefined;
  readonly port: number | undefined;
}

/** One ProxyJump hop: [user@]host[:port], or ssh://[user@]host[:port]. */
export function parseJumpHost(text: string): JumpHost {
  const body = text.startsWith('ssh://') ? text.slice('ssh://'.length).replace(/\/$/, '') : text;
  const at = body.lastIndexOf('@');
  const user = at >= 0 ? body.slice(0, at) : undefined;
  const hostPort = at >= 0 ? body.slice(at + 1) : body;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hostPort);
  if (bracketed) return { host: bracketed[1] ?? '', user, port: bracketed[2] === undefined ? undefined : Number(bracketed[2]) };
  const colon = hostPort.lastIndexOf(':');
  if (colon > 0 && /^\d+$/.test(hostPort.slice(colon + 1)) && hostPort.indexOf(':') === colon) {
    return { host: hostPort.slice(0, colon), user, port: Number(hostPort.slice(colon + 1)) };
  }
  return { host: hostPort, user, port: undefined };
}
