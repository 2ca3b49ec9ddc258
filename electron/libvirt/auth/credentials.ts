/**
 * Where a SASL user name and password come from, in libvirt's order: the auth file first
 * (so scripts and virtdeck-cli connect without a terminal where virsh would), then the
 * person, through the prompt port. Nothing is kept after the exchange.
 */
import type { Prompts, SaslCredentials } from '../transport/prompts';
import { locateAuthFile, processAuthFileEnvironment, readAuthFileCredentials, type AuthFileEnvironment } from './auth-file';

export interface CredentialSource {
  /** The host as the URI names it; "localhost" for a URI without one, as libvirt looks it up. */
  readonly host: string;
  /** The URI's user, offered as the default at the prompt. */
  readonly uriUser?: string;
  /** The URI's authfile= parameter. */
  readonly authFile?: string;
  readonly prompts?: Prompts;
  /** Where LIBVIRT_AUTH_FILE and XDG_CONFIG_HOME come from (tests give their own). */
  readonly environment?: AuthFileEnvironment;
}

/** The credentials, or null when nobody gave them. */
export async function saslCredentials(source: CredentialSource, mechanism: string): Promise<SaslCredentials | null> {
  const file = locateAuthFile(source.authFile, source.environment ?? processAuthFileEnvironment());
  const fromFile = file === undefined ? undefined : readAuthFileCredentials(file, 'libvirt', source.host);
  // SASL's SCRAM, DIGEST-MD5 and PLAIN ask for the authentication name; libvirt fills it from
  // authname=, and username= is the authorization name, which is the same user here.
  const fileUser = fromFile?.values.get('authname') ?? fromFile?.values.get('username');
  const filePassword = fromFile?.values.get('password');
  if (fileUser !== undefined && filePassword !== undefined) return { user: fileUser, password: filePassword };
  const prompts = source.prompts;
  if (prompts?.saslCredentials === undefined) return null;
  return prompts.saslCredentials({ kind: 'sasl-credentials', host: source.host, mechanism, defaultUser: fileUser ?? source.uriUser ?? '' });
}
