import { useState } from 'react';

/**
 * A password or key passphrase. The text lives only in this component's state, which is
 * dropped as soon as the answer is sent: it never reaches the store.
 */
export function SecretQuestion({ label, onSubmit, onReject }: { readonly label: string; readonly onSubmit: (secret: string) => void; readonly onReject: () => void }): React.JSX.Element {
  const [secret, setSecret] = useState('');
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      const value = secret;
      setSecret('');
      onSubmit(value);
    }}>
      <label className="block">
        {label}
        <input type="password" autoComplete="off" data-testid="prompt-secret" value={secret} onChange={(e) => { setSecret(e.target.value); }} />
      </label>
      <div className="dialog-buttons">
        <button type="button" data-testid="prompt-reject" onClick={onReject}>Cancel</button>
        <button type="submit" className="primary" data-testid="prompt-submit">Continue</button>
      </div>
    </form>
  );
}
