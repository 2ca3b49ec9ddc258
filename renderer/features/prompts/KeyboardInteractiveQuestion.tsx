import { useState } from 'react';
import type { PromptRequest } from '../../../shared/model';

type Interactive = Extract<PromptRequest, { kind: 'keyboard-interactive' }>;

export function KeyboardInteractiveQuestion({ request, onSubmit, onReject }: { readonly request: Interactive; readonly onSubmit: (values: string[]) => void; readonly onReject: () => void }): React.JSX.Element {
  const [values, setValues] = useState<string[]>(() => request.prompts.map(() => ''));
  return (
    <form onSubmit={(e) => {
      e.preventDefault();
      const answers = values;
      setValues(request.prompts.map(() => ''));
      onSubmit(answers);
    }}>
      {request.name !== '' && <p><strong>{request.name}</strong></p>}
      {request.instructions !== '' && <p className="pre-wrap">{request.instructions}</p>}
      {request.prompts.map((p, i) => (
        <label className="block" key={i}>
          {p.prompt}
          <input
            // The server says which answers may be shown as typed (a user name) and which not.
            type={p.echo ? 'text' : 'password'}
            autoComplete="off"
            data-testid={`prompt-response-${i}`}
            value={values[i] ?? ''}
            onChange={(e) => { setValues(values.map((v, j) => (j === i ? e.target.value : v))); }}
          />
        </label>
      ))}
      <div className="dialog-buttons">
        <button type="button" data-testid="prompt-reject" onClick={onReject}>Cancel</button>
        <button type="submit" className="primary" data-testid="prompt-submit">Continue</button>
      </div>
    </form>
  );
}
