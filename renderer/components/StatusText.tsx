import type { Loadable } from '../stores/loadable';

/** The loading and failed faces of a Loadable; null once it is ready. */
export function LoadingOrError<T>({ value, what, testId }: { readonly value: Loadable<T>; readonly what: string; readonly testId: string }): React.JSX.Element | null {
  switch (value.kind) {
    case 'loading': return <p className="muted" data-testid={`${testId}-loading`}>Loading {what}…</p>;
    case 'failed': return <p className="error" role="alert" data-testid={`${testId}-error`}>Could not load {what}: {value.message}</p>;
    case 'ready': return null;
  }
}
