import type { PromptRequest } from '../../../shared/model';

type HostKey = Extract<PromptRequest, { kind: 'host-key' }>;

export function HostKeyQuestion({ request, onAccept, onReject }: { readonly request: HostKey; readonly onAccept: () => void; readonly onReject: () => void }): React.JSX.Element {
  return (
    <>
      <p>The host <strong data-testid="prompt-host">{request.host}:{request.port}</strong> is not in your known hosts. Check its key fingerprint with the host's administrator before trusting it.</p>
      <dl className="facts">
        <div className="fact"><dt>Key type</dt><dd data-testid="prompt-key-type">{request.keyType}</dd></div>
        <div className="fact"><dt>Fingerprint</dt><dd><code data-testid="prompt-fingerprint">{request.fingerprint}</code></dd></div>
        <div className="fact"><dt>Saved to</dt><dd><code data-testid="prompt-known-hosts">{request.knownHostsFile}</code></dd></div>
      </dl>
      <div className="dialog-buttons">
        <button type="button" data-testid="prompt-reject" onClick={onReject}>Reject</button>
        <button type="button" className="primary" data-testid="prompt-accept" onClick={onAccept}>Trust and connect</button>
      </div>
    </>
  );
}
