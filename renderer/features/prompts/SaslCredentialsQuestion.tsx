import { useState } from 'react';
import type { PromptRequest } from '../../../shared/model';

type SaslRequest = Extract<PromptRequest, { kind: 'sasl-credentials' }>;

/**
 * libvirtd's SASL login: a user name (the URI's user filled in) and a password. Both live
 * only in this component's state and leave it as the answer; the store never holds them.
 */
export function SaslCredentialsQuestion({ request, onSubmit, onReject }: { readonly request: SaslRequest; readonly onSubmit: (values: string[]) => void; readonly onReject: () => void }): React.JSX.Element {
  const [user, setUser] = useState(request.defaultUser);
  const [password, setPassword] = useState('');
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      const answer = [user, password];
      setPassword('');
      onSubmit(answer);
    }}>
      <p>libvirtd on <strong>{request.host}</strong> asks for its SASL login ({request.mechanism}).</p>
      <label className="block">
        User name
        <input type="text" autoComplete="off" data-testid="prompt-sasl-user" value={user} onChange={(e) => { setUser(e.target.value); }} />
      </label>
      <label className="block">
        Password
        <input type="password" autoComplete="off" data-testid="prompt-secret" value={password} onChange={(e) => { setPassword(e.target.value); }} />
      </label>
      <div className="dialog-buttons">
        <button type="button" data-testid="prompt-reject" onClick={onReject}>Cancel</button>
        <button type="submit" className="primary" data-testid="prompt-submit" disabled={user === ''}>Log in</button>
      </div>
    </form>
  );
}
