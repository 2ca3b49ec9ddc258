import { useState } from 'react';

/** What main had to tell the person at start (a settings file moved aside, say), until dismissed. */
export function Notices({ notices }: { readonly notices: readonly string[] }): React.JSX.Element | null {
  const [dismissed, setDismissed] = useState(false);
  if (dismissed) return null;
  return (
    <div className="notices" role="alert" data-testid="notices">
      <ul>
        {notices.map((notice) => <li key={notice}>{notice}</li>)}
      </ul>
      <button type="button" onClick={() => { setDismissed(true); }}>Dismiss</button>
    </div>
  );
}
