import type { PromptRequest } from '../../../shared/model';

type ConfirmCommand = Extract<PromptRequest, { kind: 'confirm-command' }>;

export function ConfirmCommandQuestion({ request, onAccept, onReject }: { readonly request: ConfirmCommand; readonly onAccept: () => void; readonly onReject: () => void }): React.JSX.Element {
  return (
    <>
      <p>This connection runs a program on your computer to reach the host. Run it only if you trust the URI it came from.</p>
      <pre className="code" data-testid="prompt-argv">{request.argv.map((a) => JSON.stringify(a)).join(' ')}</pre>
      <div className="dialog-buttons">
        <button type="button" data-testid="prompt-reject" onClick={onReject}>Don't run</button>
        <button type="button" className="primary" data-testid="prompt-accept" onClick={onAccept}>Run it</button>
      </div>
    </>
  );
}
