import { useEffect } from 'react';
import type { Prompt } from '../../../shared/model';
import { Modal } from '../../components/Modal';
import { useNow } from '../../components/use-now';
import { actions, useStore } from '../../stores/store';
import { answerPrompt } from './answer-prompt';
import { ConfirmCommandQuestion } from './ConfirmCommandQuestion';
import { HostKeyQuestion } from './HostKeyQuestion';
import { KeyboardInteractiveQuestion } from './KeyboardInteractiveQuestion';
import { SaslCredentialsQuestion } from './SaslCredentialsQuestion';
import { SecretQuestion } from './SecretQuestion';

function title(prompt: Prompt): string {
  switch (prompt.request.kind) {
    case 'host-key': return 'Unknown host key';
    case 'password': return 'Password';
    case 'passphrase': return 'Key passphrase';
    case 'keyboard-interactive': return 'The server asks';
    case 'confirm-command': return 'Run a command?';
    case 'sasl-credentials': return 'Log in to libvirtd';
    case 'vnc-password': return 'VNC password';
  }
}

/** The oldest question main is waiting on; gone on answer, on prompt.cancel, or at expiry. */
export function PromptModal(): React.JSX.Element | null {
  const prompt = useStore((s) => s.prompts[0]);
  if (!prompt) return null;
  // A fresh component per prompt, so no typed secret carries over to the next question.
  return <PromptBox key={prompt.id} prompt={prompt} />;
}

function PromptBox({ prompt }: { readonly prompt: Prompt }): React.JSX.Element {
  const connectionName = useStore((s) => s.connections.get(prompt.connectionId)?.profile.name ?? prompt.connectionId);
  const now = useNow(true);
  const left = Math.max(0, Math.ceil((prompt.expiresAt - now) / 1000));
  useEffect(() => {
    if (left === 0) actions().removePrompt(prompt.id);
  }, [left, prompt.id]);
  const reject = (): void => { void answerPrompt(prompt.id, { kind: 'reject' }); };
  const accept = (): void => { void answerPrompt(prompt.id, { kind: 'accept' }); };
  const secret = (value: string): void => { void answerPrompt(prompt.id, { kind: 'secret', value }); };
  const { request } = prompt;
  return (
    <Modal title={title(prompt)} testId="prompt-modal" onCancel={reject}>
      <p className="muted">For <strong>{connectionName}</strong> · <span data-testid="prompt-countdown">{left}s left to answer</span></p>
      {request.kind === 'host-key' && <HostKeyQuestion request={request} onAccept={accept} onReject={reject} />}
      {request.kind === 'password' && <SecretQuestion label={`Password for ${request.user}@${request.host}`} onSubmit={secret} onReject={reject} />}
      {request.kind === 'passphrase' && <SecretQuestion label={`Passphrase for ${request.keyPath}`} onSubmit={secret} onReject={reject} />}
      {request.kind === 'keyboard-interactive' && (
        <KeyboardInteractiveQuestion request={request} onSubmit={(values) => { void answerPrompt(prompt.id, { kind: 'responses', values }); }} onReject={reject} />
      )}
      {request.kind === 'vnc-password' && (
        <SecretQuestion
          label={request.attempt > 1 ? `Wrong password. VNC password for ${request.domain}'s screen (try ${request.attempt})` : `VNC password for ${request.domain}'s screen`}
          onSubmit={secret}
          onReject={reject}
        />
      )}
      {request.kind === 'confirm-command' && <ConfirmCommandQuestion request={request} onAccept={accept} onReject={reject} />}
      {request.kind === 'sasl-credentials' && (
        <SaslCredentialsQuestion request={request} onSubmit={(values) => { void answerPrompt(prompt.id, { kind: 'responses', values }); }} onReject={reject} />
      )}
    </Modal>
  );
}
