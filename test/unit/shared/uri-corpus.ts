// A corpus of libvirt URIs with what libvirt makes of them. "docs" entries are every
// example of libvirt's docs/uri.rst and docs/remote.rst (and remote.html.in before it);
// "virsh" entries were checked with `LIBVIRT_DEBUG=1 virsh -c URI uri` (libvirt 9.0,
// libxml2 2.9.14), which logs the split components and the daemon-side name.

import type { LibvirtUri, UriErrorKind, UriWarningKind } from '../../../shared/uri';

type Expected = Partial<Omit<LibvirtUri, 'warnings' | 'text'>>;

export type CorpusEntry =
  | { readonly uri: string; readonly from: string; readonly ok: Expected; readonly warnings?: readonly UriWarningKind[] }
  | { readonly uri: string; readonly from: string; readonly error: UriErrorKind; readonly param?: string; readonly offset?: number };

const local = { isRemote: false, servedBy: 'daemon', effectiveTransport: 'unix', host: undefined } as const;
const testDefault = { servedBy: 'embedded-test', isRemote: false, driver: 'test', transport: undefined } as const;

export const corpus: readonly CorpusEntry[] = [
  // docs/uri.rst: local URIs
  { uri: 'test:///default', from: 'docs', ok: { ...testDefault, path: '/default', daemonName: 'test:///default' } },
  { uri: 'xen:///system', from: 'docs', ok: { ...local, driver: 'xen', path: '/system', daemonName: 'xen:///system' } },
  { uri: 'qemu:///system', from: 'docs', ok: { ...local, driver: 'qemu', transport: undefined, path: '/system', effectivePort: undefined, daemonName: 'qemu:///system' } },
  { uri: 'qemu:///session', from: 'docs', ok: { ...local, driver: 'qemu', path: '/session', daemonName: 'qemu:///session' } },
  { uri: 'test:///path/to/host/definitions', from: 'docs', ok: { ...testDefault, path: '/path/to/host/definitions' } },
  // docs/uri.rst: aliases in libvirt.conf, and their targets
  { uri: 'qemu+ssh://root@hail.cloud.example.com/system', from: 'docs', ok: { transport: 'ssh', user: 'root', host: 'hail.cloud.example.com', effectivePort: 22, daemonName: 'qemu:///system' } },
  { uri: 'qemu+ssh://root@sleet.cloud.example.com/system', from: 'docs', ok: { user: 'root', host: 'sleet.cloud.example.com', isRemote: true } },
  { uri: 'hail', from: 'docs', error: 'no-driver' },
  // docs/uri.rst: remote URIs
  { uri: 'xen+ssh://rjones@towada/system', from: 'docs', ok: { driver: 'xen', transport: 'ssh', effectiveTransport: 'ssh', user: 'rjones', host: 'towada', port: undefined, effectivePort: 22, isRemote: true, servedBy: 'daemon', daemonName: 'xen:///system' } },
  { uri: 'xen://towada/system', from: 'docs', ok: { driver: 'xen', transport: undefined, effectiveTransport: 'tls', host: 'towada', effectivePort: 16514, daemonName: 'xen:///system' } },
  { uri: 'xen://towada/system?no_verify=1', from: 'docs', ok: { effectiveTransport: 'tls', client: { noVerify: true }, passThrough: [], daemonName: 'xen:///system' } },
  { uri: 'qemu+unix:///system?socket=/opt/libvirt/run/libvirt/libvirt-sock', from: 'docs', ok: { ...local, transport: 'unix', client: { socket: '/opt/libvirt/run/libvirt/libvirt-sock' }, daemonName: 'qemu:///system', sshHelperUri: 'qemu:///system?socket=%2Fopt%2Flibvirt%2Frun%2Flibvirt%2Flibvirt-sock' } },
  { uri: 'test+tcp://localhost:5000/default', from: 'docs', ok: { driver: 'test', transport: 'tcp', host: 'localhost', port: 5000, effectivePort: 5000, servedBy: 'daemon', isRemote: true, daemonName: 'test:///default' } },
  { uri: 'qemu+libssh2://user@host/system?known_hosts=/home/user/.ssh/known_hosts', from: 'docs', ok: { transport: 'libssh2', effectivePort: 22, user: 'user', host: 'host', client: { knownHosts: '/home/user/.ssh/known_hosts' }, daemonName: 'qemu:///system' } },
  { uri: 'qemu+libssh://user@host/system?known_hosts=/home/user/.ssh/known_hosts', from: 'docs', ok: { transport: 'libssh', client: { knownHosts: '/home/user/.ssh/known_hosts' } } },
  // docs/uri.rst: each documented parameter example, on a URI where it applies
  { uri: 'qemu+ssh://h/system?name=qemu:///system', from: 'docs', ok: { client: { name: 'qemu:///system' }, daemonName: 'qemu:///system' } },
  { uri: 'qemu+ssh://h/system?command=/opt/openssh/bin/ssh', from: 'docs', ok: { client: { command: '/opt/openssh/bin/ssh' } } },
  { uri: 'qemu+ssh://h/system?no_verify=1', from: 'docs', ok: { client: { noVerify: true } } },
  { uri: 'qemu+ssh://h/system?no_tty=1', from: 'docs', ok: { client: { noTty: true } } },
  { uri: 'qemu+libssh://h/system?known_hosts=/root/.ssh/known_hosts', from: 'docs', ok: { client: { knownHosts: '/root/.ssh/known_hosts' } } },
  { uri: 'qemu+libssh://h/system?known_hosts_verify=ignore', from: 'docs', ok: { client: { knownHostsVerify: 'ignore' } } },
  { uri: 'qemu+libssh2://h/system?sshauth=privkey,agent', from: 'docs', ok: { client: { sshauth: ['privkey', 'agent'] } } },
  { uri: 'qemu://h/system?tls_priority=NORMAL:-VERS-SSL3.0', from: 'docs', ok: { client: { tlsPriority: 'NORMAL:-VERS-SSL3.0' } } },
  { uri: 'qemu://h/system?pkipath=/tmp/pki/client', from: 'docs', ok: { client: { pkipath: '/tmp/pki/client' } } },
  { uri: 'qemu:///system?mode=direct', from: 'docs', ok: { client: { mode: 'direct' }, daemonName: 'qemu:///system', sshHelperUri: 'qemu:///system?mode=direct' } },
  { uri: 'qemu+ssh://h/system?proxy=native', from: 'docs', ok: { client: { proxy: 'native' } } },
  { uri: 'qemu+ssh://h/system?netcat=/opt/netcat/bin/nc', from: 'docs', ok: { client: { netcat: '/opt/netcat/bin/nc' } } },
  { uri: 'qemu+ssh://h/system?keyfile=/root/.ssh/example_key', from: 'docs', ok: { client: { keyfile: '/root/.ssh/example_key' } } },
  // docs/remote.rst and the older remote.html.in
  { uri: 'qemu://compute1.libvirt.org/system', from: 'docs', ok: { host: 'compute1.libvirt.org', effectiveTransport: 'tls', effectivePort: 16514, daemonName: 'qemu:///system' } },
  { uri: 'qemu://oirase/system', from: 'docs', ok: { host: 'oirase', isRemote: true } },
  { uri: 'xen+ssh://rjones@towada/', from: 'docs', ok: { path: '/', daemonName: 'xen:///' } },
  { uri: 'xen://towada/', from: 'docs', ok: { effectiveTransport: 'tls', daemonName: 'xen:///' } },
  { uri: 'xen://towada/?no_verify=1', from: 'docs', ok: { client: { noVerify: true }, daemonName: 'xen:///' } },

  // Transports and defaults
  { uri: 'qemu+ssh://u@h:2222/system', from: 'brief', ok: { port: 2222, effectivePort: 2222, daemonName: 'qemu:///system' } },
  { uri: 'qemu+tcp:///system', from: 'remote_driver.c', ok: { effectiveTransport: 'tcp', host: undefined, isRemote: false, effectivePort: 16509 } },
  { uri: 'qemu+tls:///system', from: 'remote_driver.c', ok: { effectiveTransport: 'tls', isRemote: false, effectivePort: 16514 } },
  { uri: 'qemu+SSH://host/system', from: 'virsh', ok: { transport: 'ssh', scheme: 'qemu+SSH', driver: 'qemu' } },
  { uri: 'qemu+ext:///system?command=/usr/bin/my-tunnel', from: 'remote_driver.c', ok: { transport: 'ext', effectivePort: undefined, client: { command: '/usr/bin/my-tunnel' } } },
  { uri: 'qemu+ext:///system', from: 'remote_driver.c', error: 'missing-param', param: 'command' },
  { uri: 'qemu+sshh://host/system', from: 'virsh', error: 'unknown-transport', offset: 5 },
  { uri: 'qemu+://host/system', from: 'remote_sockets.c', error: 'unknown-transport' },
  { uri: 'qemu+ssh+x://host/system', from: 'remote_sockets.c', error: 'unknown-transport' },
  { uri: 'qemu+unix://host/system', from: 'virsh', error: 'unix-with-host' },
  { uri: 'qemu+unix://user@/system', from: 'remote_sockets.c', ok: { user: 'user', host: undefined, effectiveTransport: 'unix' } },
  { uri: 'qemu+ssh://user@/system', from: 'remote_driver.c', ok: { user: 'user', host: undefined, isRemote: false, effectiveTransport: 'ssh' } },

  // Where it is served
  { uri: 'test:/default', from: 'virsh', ok: { ...testDefault, path: '/default' } },
  { uri: 'test://user@/default', from: 'virsh', ok: { ...testDefault, user: 'user' } },
  { uri: 'test+unix:///default', from: 'libvirt.c', ok: { servedBy: 'daemon', effectiveTransport: 'unix', daemonName: 'test:///default' } },
  { uri: 'test://example.org/default', from: 'libvirt.c', ok: { servedBy: 'daemon', effectiveTransport: 'tls', isRemote: true } },
  { uri: 'TEST:///default', from: 'virsh', ok: { servedBy: 'daemon', driver: 'TEST', daemonName: 'TEST:///default' } },
  { uri: 'test:///', from: 'virsh', error: 'bad-path' },
  { uri: 'test:', from: 'virsh', error: 'bad-path' },
  { uri: 'esx://esx.example.com/?no_verify=1', from: 'libvirt.c', ok: { servedBy: 'client-driver', isRemote: true, passThrough: [{ name: 'no_verify', value: '1' }] } },
  { uri: 'esx:///', from: 'libvirt.c', error: 'missing-host' },
  { uri: 'hyperv://hv.example.com/', from: 'libvirt.c', ok: { servedBy: 'client-driver' } },
  { uri: 'openvz:///system', from: 'libvirt.c', ok: { servedBy: 'client-driver' } },
  { uri: 'lxc:///system', from: 'drivers', ok: { ...local, driver: 'lxc' } },
  { uri: 'ch:///session', from: 'drivers', ok: { driver: 'ch', path: '/session' } },
  { uri: 'bhyve+ssh://root@freebsd/system', from: 'drivers', ok: { driver: 'bhyve', daemonName: 'bhyve:///system' } },
  { uri: 'vbox:///session', from: 'drivers', ok: { driver: 'vbox' } },
  { uri: 'remote:///', from: 'remote_driver.c', ok: { driver: 'remote', daemonName: '' } },
  { uri: 'remote+tcp://127.0.0.1:1/', from: 'virsh', ok: { daemonName: '' } },
  { uri: 'remote://127.0.0.1:1/system', from: 'virsh', ok: { daemonName: '', effectiveTransport: 'tls' } },

  // The missing slash
  { uri: 'qemu://system', from: 'virsh', error: 'missing-slash', offset: 7 },
  { uri: 'qemu://session/', from: 'libvirt.c', error: 'missing-slash' },
  { uri: 'qemu+ssh://system/system', from: 'libvirt.c', ok: { host: 'system' } },
  { uri: 'xen://system', from: 'libvirt.c', ok: { host: 'system', path: '' } },

  // Hosts and ports
  { uri: 'qemu+tcp://[::1]:1/system', from: 'virsh', ok: { host: '::1', hostIsIPv6: true, port: 1 } },
  { uri: 'qemu+ssh://root@[2001:db8::1]/system', from: 'remote.rst', ok: { host: '2001:db8::1', hostIsIPv6: true, effectivePort: 22 } },
  { uri: 'qemu+tcp://[fe80::1%25lo]:1/system', from: 'virsh', ok: { host: 'fe80::1%lo', hostIsIPv6: true } },
  { uri: 'qemu://[::ffff:192.0.2.1]/system', from: 'rfc4291', ok: { host: '::ffff:192.0.2.1', hostIsIPv6: true } },
  { uri: 'qemu+tcp://[foo]/system', from: 'virsh', error: 'bad-host' },
  { uri: 'qemu+tcp://[]/system', from: 'virsh', error: 'bad-host' },
  { uri: 'qemu+tcp://[::1/system', from: 'libxml2', error: 'syntax' },
  { uri: 'qemu+tcp://192.0.2.7/system', from: 'libxml2', ok: { host: '192.0.2.7', hostIsIPv6: false } },
  { uri: 'qemu+tcp://ho%73t/system', from: 'virsh', ok: { host: 'host' } },
  { uri: 'qemu+tcp://host:/system', from: 'virsh', error: 'syntax' },
  { uri: 'qemu+tcp://host:99999/system', from: 'virsh', error: 'bad-port' },
  { uri: 'qemu+tcp://host:4294967297/system', from: 'virsh', error: 'bad-port' },
  { uri: 'qemu+tcp://127.0.0.1:01/system', from: 'virsh', ok: { port: 1 } },
  { uri: 'qemu+tcp://127.0.0.1:0/system', from: 'virsh', ok: { port: 0, effectivePort: 16509 } },
  { uri: 'qemu+tcp://:16509/system', from: 'virsh', ok: { host: undefined, port: undefined, effectivePort: 16509 }, warnings: ['port-ignored'] },
  { uri: 'qemu+tcp://h:x/system', from: 'libxml2', error: 'syntax' },
  { uri: 'qemu+ssh://my host/system', from: 'libxml2', error: 'syntax' },

  // Users
  { uri: 'qemu+tcp://u%40x:pw@ho%73t/sys%20tem?x=%2F&y', from: 'virsh', ok: { user: 'u@x:pw', host: 'host', path: '/sys tem', daemonName: 'qemu:///sys%20tem?x=%2F&y=' }, warnings: ['password-in-user', 'qemu-path'] },
  { uri: 'qemu+tcp://@127.0.0.1:1/system', from: 'virsh', error: 'bad-user' },
  { uri: 'qemu+ssh://j%C3%BCrgen@h/system', from: 'libxml2', ok: { user: 'jürgen' } },

  // Paths, fragments and encoding
  { uri: 'qemu+tcp://127.0.0.1:1/C:/x~y!z*(a)#fr%20ag', from: 'virsh', ok: { path: '/C:/x~y!z*(a)', fragment: 'fr ag', daemonName: 'qemu:///C%3A/x~y!z*(a)#fr%20ag' } },
  { uri: 'qemu+tcp://127.0.0.1:1/%7Euser/%2Fenc', from: 'virsh', ok: { path: '/~user//enc', daemonName: 'qemu:///~user//enc' } },
  { uri: 'qemu+tcp://127.0.0.1:1//double//slash', from: 'virsh', ok: { path: '//double//slash', daemonName: 'qemu:////double//slash' } },
  { uri: 'qemu+tcp://127.0.0.1:1', from: 'virsh', ok: { path: '', daemonName: 'qemu://' } },
  { uri: 'qemu+tcp://127.0.0.1:1?x=1', from: 'virsh', ok: { path: '', daemonName: 'qemu://?x=1' } },
  { uri: 'qemu:', from: 'virsh', ok: { path: '', daemonName: 'qemu://' } },
  { uri: 'qemu:/system', from: 'virsh', ok: { path: '/system', host: undefined, daemonName: 'qemu:///system' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system#', from: 'virsh', ok: { fragment: '', daemonName: 'qemu:///system#' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?x=1#a%20b[c]', from: 'virsh', ok: { fragment: 'a b[c]', daemonName: 'qemu:///system?x=1#a%20b[c]' } },
  { uri: 'test:///def%20ault', from: 'virsh', ok: { path: '/def ault' } },
  { uri: 'qemu+tcp://127.0.0.1:1/sys%tem', from: 'virsh', error: 'syntax' },
  { uri: 'qemu:///system?x=%ZZ', from: 'virsh', error: 'syntax' },
  { uri: 'qemu:///system?x=a b', from: 'virsh', error: 'syntax', offset: 18 },
  { uri: 'qemu:///system?x=[1]', from: 'virsh', error: 'syntax' },
  { uri: 'qemu:///system?x=%FF', from: 'libxml2', error: 'bad-encoding' },
  { uri: 'qemu:///system?x=%00y', from: 'virsh', error: 'bad-encoding' },
  { uri: 'qemu:///sÿstem', from: 'libxml2', error: 'syntax' },

  // Parameters: splitting, names, pass-through
  { uri: 'qemu+tcp://127.0.0.1:1/system?a=1;b=2&c=3;d=4', from: 'virsh', ok: { params: [{ name: 'a', value: '1;b=2' }, { name: 'c', value: '3' }, { name: 'd', value: '4' }], daemonName: 'qemu:///system?a=1%3Bb%3D2&c=3&d=4' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?=v&&k&NAME2=x&Name=lxc:///', from: 'virsh', ok: { client: { name: 'lxc:///' }, passThrough: [{ name: 'k', value: '' }, { name: 'NAME2', value: 'x' }], daemonName: 'lxc:///' }, warnings: ['ignored-param'] },
  { uri: 'qemu+tcp://127.0.0.1:1/system?name=a&name=b', from: 'virsh', ok: { daemonName: 'b' }, warnings: ['duplicate-param'] },
  { uri: 'qemu+tcp://127.0.0.1:1/system?name=', from: 'virsh', ok: { daemonName: '' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?name', from: 'virsh', ok: { daemonName: '' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?v=%C3%A9%2b+x', from: 'virsh', ok: { passThrough: [{ name: 'v', value: 'é++x' }], daemonName: 'qemu:///system?v=%C3%A9%2B%2Bx' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?v=a-b.c_d~e*f', from: 'virsh', ok: { daemonName: 'qemu:///system?v=a-b.c_d~e%2Af' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?a=b=c', from: 'virsh', ok: { daemonName: 'qemu:///system?a=b%3Dc' } },
  { uri: 'qemu+tcp://127.0.0.1:1/system?a%3Db=c%26d', from: 'virsh', ok: { passThrough: [{ name: 'a=b', value: 'c&d' }], daemonName: 'qemu:///system?a=b=c%26d' } },
  { uri: 'qemu:///system?socket=/x&mode=legacy&Keyfile=k&authfile=/f', from: 'remote_driver.c', ok: { client: { socket: '/x', mode: 'legacy', keyfile: 'k', authfile: '/f' }, passThrough: [], daemonName: 'qemu:///system', sshHelperUri: 'qemu:///system?socket=%2Fx&mode=legacy' } },
  { uri: 'qemu:///system?', from: 'virsh', ok: { params: [], daemonName: 'qemu:///system' } },
  { uri: 'test:///default?mode=bogus', from: 'libvirt.c', ok: { ...testDefault, passThrough: [{ name: 'mode', value: 'bogus' }] } },

  // Parameters: validation
  { uri: 'qemu+tcp://host/system?no_verify=x', from: 'virsh', error: 'bad-param', param: 'no_verify' },
  { uri: 'qemu+tcp://host/system?no_tty=0x1', from: 'virsh', error: 'bad-param', param: 'no_tty' },
  { uri: 'qemu+tcp://host/system?no_sanity=%201', from: 'virsh', ok: { client: { noSanity: true } } },
  { uri: 'qemu+tcp://host/system?no_sanity=-7', from: 'virsh', ok: { client: { noSanity: true } } },
  { uri: 'qemu+tcp://host/system?no_verify=0', from: 'remote_driver.c', ok: { client: { noVerify: false } } },
  { uri: 'qemu+tcp://host/system?no_verify=', from: 'remote_driver.c', error: 'bad-param', param: 'no_verify' },
  { uri: 'qemu+tcp://host/system?mode=AUTO', from: 'virsh', error: 'bad-param', param: 'mode' },
  { uri: 'qemu+ssh://host/system?proxy=nc', from: 'virnetclient.c', error: 'bad-param', param: 'proxy' },
  { uri: 'qemu+libssh://host/system?known_hosts_verify=AUTO', from: 'virnetsocket.c', ok: { client: { knownHostsVerify: 'auto' } } },
  { uri: 'qemu+libssh://host/system?known_hosts_verify=yes', from: 'virnetsocket.c', error: 'bad-param', param: 'known_hosts_verify' },
  { uri: 'qemu+libssh2://host/system?sshauth=Agent,keyboard-interactive', from: 'virnetsocket.c', ok: { client: { sshauth: ['agent', 'keyboard-interactive'] } } },
  { uri: 'qemu+libssh2://host/system?sshauth=agent,,password', from: 'virnetsocket.c', error: 'bad-param', param: 'sshauth' },
  { uri: 'qemu+ssh://host/system?proxy=native&netcat=nc', from: 'virnetclient.c', error: 'conflict', param: 'netcat' },
  { uri: 'qemu+ssh://host/system?mode=direct', from: 'remote_sockets.c', error: 'conflict', param: 'mode' },
  { uri: 'qemu+ssh://host/system?mode=direct&socket=/run/libvirt/virtqemud-sock', from: 'remote_sockets.c', ok: { client: { mode: 'direct', socket: '/run/libvirt/virtqemud-sock' } } },
  { uri: 'qemu+tcp://host/system?mode=direct', from: 'remote_driver.c', ok: { client: { mode: 'direct' } } },

  // Not URIs at all
  { uri: '', from: 'libvirt.c', error: 'empty' },
  { uri: '   ', from: 'libvirt.c', error: 'empty' },
  { uri: '/var/run/libvirt/libvirt-sock', from: 'libvirt.c', error: 'no-driver' },
  { uri: '//host/system', from: 'libvirt.c', error: 'no-driver' },
  { uri: '1qemu:///system', from: 'libxml2', error: 'no-driver' },
  { uri: ' qemu:///system', from: 'libxml2', error: 'no-driver' },
  { uri: 'qemu:///system ', from: 'libxml2', error: 'syntax' },
];
