import type { Loadable } from '../stores/loadable';
import { ErrorText } from './ErrorText';

/** The loading and failed faces of a Loadable; null once it is ready. */
export function LoadingOrError<T>({ value, what, testId }: { readonly value: Loadable<T>; readonly what: string; readonly testId: string }): React.JSX.Element | null {
  switch (value.kind) {
    case 'loading': return <p className="muted" data-testid={`${testId}-loading`}>Loading {what}…</p>;
    case 'failed':
      return (
        <div className="load-failed">
          <p className="error">Could not load {what}:</p>
          <ErrorText error={value.error} testId={`${testId}-error`} />
        </div>
      );
    case 'ready': return null;
  }
}
