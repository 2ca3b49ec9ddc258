import { useState } from 'react';
import { errorMessage } from '../../components/format';

/**
 * An action on a network or pool: which one is running (its buttons wait) and the last
 * failure in words. The new state arrives as an event, so success needs no handling here.
 */
export function useObjectAction(): {
  readonly busy: string | null;
  readonly problem: string | null;
  readonly run: (uuid: string, label: string, action: () => Promise<unknown>) => void;
} {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    busy,
    problem,
    run: (uuid, label, action) => {
      setBusy(uuid);
      setProblem(null);
      action().then(
        () => { setBusy(null); },
        (error: unknown) => {
          setBusy(null);
          setProblem(`${label} failed: ${errorMessage(error)}`);
        },
      );
    },
  };
}
