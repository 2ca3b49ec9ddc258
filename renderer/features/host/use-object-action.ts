import { useState } from 'react';
import { shownError } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';

/**
 * An action on a network or pool: which one is running (its buttons wait) and the last
 * failure, as main's AppError, with the action's label. The new state arrives as an event, so success needs no handling here.
 */
export interface ActionProblem {
  readonly label: string;
  readonly error: AppError;
}

export function useObjectAction(): {
  readonly busy: string | null;
  readonly problem: ActionProblem | null;
  readonly run: (uuid: string, label: string, action: () => Promise<unknown>) => void;
} {
  const [busy, setBusy] = useState<string | null>(null);
  const [problem, setProblem] = useState<ActionProblem | null>(null);
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
          setProblem({ label, error: shownError(error) });
        },
      );
    },
  };
}
