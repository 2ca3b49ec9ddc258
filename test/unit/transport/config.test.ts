import { describe, expect, it } from 'vitest';
import { parseJumpHost, parseSshConfigText, resolveHost } from '../../../electron/libvirt/transport/ssh/config';

const ctx = { home: '/home/ada', localUser: 'ada' };

describe('~/.ssh/config', () => {
  const config = parseSshConfigText([
    'Host hv1',
    '  HostName hv1.lab.example',
    '  User admin',
    '  Port 2222',
    '  IdentityFile ~/.ssh/lab_%r',
    '  ProxyJump bastion,ops@relay:2200',
    'Host *.lab.example',
    '  User ignored-because-first-wins',
    'Host bastion',
    '  HostName 192.0.2.1',
    'Match exec "touch /tmp/should-never-exist"',
    '  User from-exec',
    'Host *',
    '  IdentityFile ~/.ssh/id_default',
    '',
  ].join('\n'));

  it('resolves an alias: HostName, User, Port, IdentityFile and ProxyJump, first value winning', () => {
    expect(resolveHost(config, 'hv1', ctx)).toEqual({
      hostName: 'hv1.lab.example',
      user: 'admin',
      port: 2222,
      identityFiles: ['/home/ada/.ssh/lab_admin', '/home/ada/.ssh/id_default'],
      proxyJump: ['bastion', 'ops@relay:2200'],
    });
  });

  it('leaves a host without an entry as it is and never runs Match exec', () => {
    expect(resolveHost(config, 'plain.example', ctx)).toEqual({
      hostName: 'plain.example', user: undefined, port: undefined, identityFiles: ['/home/ada/.ssh/id_default'], proxyJump: [],
    });
  });

  it('parses ProxyJump hops', () => {
    expect(parseJumpHost('bastion')).toEqual({ host: 'bastion', user: undefined, port: undefined });
    expect(parseJumpHost('ops@relay:2200')).toEqual({ host: 'relay', user: 'ops', port: 2200 });
    expect(parseJumpHost('ssh://ops@[2001:db8::1]:22')).toEqual({ host: '2001:db8::1', user: 'ops', port: 22 });
    expect(parseJumpHost('2001:db8::1')).toEqual({ host: '2001:db8::1', user: undefined, port: undefined });
  });
});
