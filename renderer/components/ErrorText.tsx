/**
 * One way to show an error: what went wrong, and what the person can do about it, chosen
 * by the error's kind (switched over exhaustively, so a new kind must be given words here).
 */
import { IpcError, type AppError, type AuthProblem, type SaslProblem, type CertificateProblem, type HostKeyProblem } from '../../shared/errors';

function hostPort(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function hostKeyAdvice(problem: HostKeyProblem): string {
  const where = hostPort(problem.host, problem.port);
  switch (problem.reason) {
    case 'changed':
      return `The host key of ${where} is not the one on line ${problem.line ?? '?'} of ${problem.knownHostsFile}. ` +
        `If the server's key really changed, remove that line (ssh-keygen -R '${where}' -f ${problem.knownHostsFile}) and connect again; ` +
        'if not, someone may be intercepting the connection.';
    case 'other-type':
      return `${problem.knownHostsFile} knows ${where} only by keys of another type, and the server offered ${problem.keyType} ${problem.fingerprint}. ` +
        'Check with the host\'s admin before replacing the entry.';
    case 'revoked':
      return `The key ${problem.fingerprint} is marked @revoked in ${problem.knownHostsFile}: this server must not be trusted with it. Ask the host's admin.`;
    case 'unknown':
      return `The key ${problem.keyType} ${problem.fingerprint} of ${where} is not in ${problem.knownHostsFile} and was not trusted. ` +
        'Connect again to be asked, and compare the fingerprint with the one the server\'s admin gives you.';
  }
}

function certificateAdvice(problem: CertificateProblem): string {
  switch (problem.reason) {
    case 'untrusted-server':
      return `The server's certificate is not signed by the CA in ${problem.file}. Put the CA that signed it there, ` +
        'or add no_verify=1 to the URI to connect without verifying the server.';
    case 'name-mismatch':
      return `The server's certificate (checked against the CA in ${problem.file}) does not name the host in the URI. ` +
        'Connect by the name in its certificate, or add no_verify=1 to the URI.';
    case 'client-refused':
      return `The daemon refused our client certificate ${problem.file}. Have it signed by a CA the daemon trusts, ` +
        'or point pkipath= at the directory holding the right one.';
  }
}

function authAdvice(problem: AuthProblem): string {
  switch (problem.method) {
    case 'ssh':
      return problem.passwordTried
        ? `The server refused the password for ${problem.user}. Retry to type it again.`
        : `No key or agent identity was accepted for ${problem.user}, and no password was tried. ` +
          'Retry with a password: if the URI has sshauth=, add password to it (sshauth=privkey,password).';
    case 'polkit':
      return `polkit refused ${problem.action}: ask the host's administrator to add you to the group its polkit rules allow (libvirt on Debian and Fedora).`;
    case 'sasl':
      return saslAdvice(problem.problem);
    case 'vnc':
      return problem.passwordTried
        ? `${problem.domain}'s VNC server refused the password. Try again to type it again; the domain's <graphics passwd=…> holds it.`
        : `${problem.domain}'s VNC server needs a password, and none was given.`;
    case 'unsupported':
      return 'The daemon asks for an authentication method this client does not speak; use a transport whose login it accepts (ssh, or tls with a client certificate).';
  }
}

function saslAdvice(problem: SaslProblem): string {
  switch (problem) {
    case 'rejected':
      return 'The daemon refused that user name and password. Retry to type them again.';
    case 'no-credentials':
      return 'Retry and give a user name and password, or put them in libvirt\'s auth file (authfile= in the URI).';
    case 'security-layer':
    case 'plain-unencrypted':
      return 'The daemon\'s login needs an encrypted channel: connect with qemu+tls:// or over SSH instead of plain TCP.';
    case 'no-mechanism':
      return 'The daemon offers no SASL mechanism this client speaks (SCRAM-SHA-256, SCRAM-SHA-1, PLAIN, DIGEST-MD5): ask its administrator to enable SCRAM.';
    case 'server-invalid':
      return 'The daemon did not prove it knows the password: check that the URI points at the host you mean.';
  }
}

/** What to do, in words; null when the message says all there is. */
export function errorAdvice(error: AppError): string | null {
  switch (error.kind) {
    case 'host-key':
      return hostKeyAdvice(error.hostKey);
    case 'certificate':
      return certificateAdvice(error.certificate);
    case 'auth':
      return authAdvice(error.auth);
    case 'libvirt':
      return `libvirt error code ${error.code}.`;
    case 'transport':
      return 'Check the host name and port, that libvirtd (or virtqemud, virtproxyd) runs and listens there with TCP, TLS or SSH enabled, and that no firewall is in the way.';
    case 'timeout':
      return 'The host did not answer in time; it may be overloaded or unreachable. Try again.';
    case 'closed':
      return 'Connect again to continue.';
    case 'invalid-uri':
      return 'Correct the URI in the connection\'s settings.';
    case 'protocol':
      return 'The peer does not speak libvirt\'s protocol as expected: check that the address is a libvirt daemon.';
    case 'settings':
      return 'Check that the settings folder is writable.';
    case 'policy':
      return 'Your administrator\'s policy forbids this; ask them if you need it.';
    case 'invalid-argument':
    case 'not-found':
    case 'unsupported':
    case 'internal':
      return null;
  }
}

export interface ErrorTextProps {
  readonly error: AppError;
  /** Offered where trying again can help: a refused login, say. */
  readonly onRetry?: () => void;
  readonly testId?: string;
}

export function ErrorText({ error, onRetry, testId = 'error-text' }: ErrorTextProps): React.JSX.Element {
  const advice = errorAdvice(error);
  const retryLabel = error.kind === 'auth' && (error.auth.method === 'ssh' || error.auth.method === 'sasl') ? 'Retry with a password' : 'Retry';
  return (
    <div className="error" role="alert" data-testid={testId} data-error-kind={error.kind}>
      <p className="error-message">{error.message}</p>
      {advice !== null && <p className="error-advice" data-testid={`${testId}-advice`}>{advice}</p>}
      {onRetry !== undefined && <button type="button" data-testid={`${testId}-retry`} onClick={onRetry}>{retryLabel}</button>}
    </div>
  );
}

/** The AppError behind whatever a call threw (an IpcError carries main's own). */
export function shownError(error: unknown): AppError {
  if (error instanceof IpcError) return error.error;
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
