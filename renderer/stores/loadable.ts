import type { AppError } from '../../shared/errors';
import { shownError } from '../components/ErrorText';

/** Something fetched from main: not yet here, here, or refused, with the error by kind (shown with ErrorText). */
export type Loadable<T> =
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly value: T }
  | { readonly kind: 'failed'; readonly error: AppError };

export const LOADING: Loadable<never> = { kind: 'loading' };

export function ready<T>(value: T): Loadable<T> {
  return { kind: 'ready', value };
}

/** Whatever a call threw, as the AppError it carries (main's own, through IpcError). */
export function failed(error: unknown): Loadable<never> {
  return { kind: 'failed', error: shownError(error) };
}
