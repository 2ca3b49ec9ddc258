import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './process';

/**
 * A cyrus-sasl setup for a harness libvirtd: a user database made with saslpasswd2 (the
 * password goes in on stdin, never on a command line) and the libvirt.conf that the daemon
 * gets bound over /etc/sasl2/libvirt.conf.
 */
export interface TestSasl {
  /** Bind over /etc/sasl2/libvirt.conf. */
  readonly config: string;
  readonly database: string;
}

export async function makeSaslDatabase(
  dir: string,
  users: readonly { readonly name: string; readonly password: string }[],
  mechanisms: readonly string[],
): Promise<TestSasl> {
  await mkdir(dir, { recursive: true });
  const database = join(dir, 'passwd.db');
  for (const user of users) {
    await run('saslpasswd2', ['-p', '-c', '-a', 'libvirt', '-f', database, user.name], { input: user.password });
  }
  const config = join(dir, 'libvirt-sasl.conf');
  await writeFile(config, `mech_list: ${mechanisms.join(' ')}\nsasldb_path: ${database}\n`);
  return { config, database };
}

/** libvirt's auth file, as an admin writes one for virsh. */
export async function writeAuthFile(path: string, host: string, user: string, password: string): Promise<void> {
  await writeFile(path, [
    '[credentials-harness]',
    `authname=${user}`,
    `password=${password}`,
    '',
    `[auth-libvirt-${host}]`,
    'credentials=harness',
    '',
  ].join('\n'), { mode: 0o600 });
}
