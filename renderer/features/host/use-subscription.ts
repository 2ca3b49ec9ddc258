import { useEffect } from 'react';
import { shownError } from '../../components/ErrorText';
import type { AppError } from '../../../shared/errors';

/**
 * Main samples only while someone looks: subscribe while mounted, unsubscribe after. A
 * refused subscription is told through `onError` (the graph then says why it stays empty).
 */
export function useSubscription(key: string, subscribe: () => Promise<unknown>, unsubscribe: () => Promise<unknown>, onError: (error: AppError) => void): void {
  useEffect(() => {
    subscribe().catch((error: unknown) => { onError(shownError(error)); });
    return () => { unsubscribe().catch(() => undefined); };
    // The key alone says when to subscribe again; the callbacks are fresh closures.
  }, [key]);
}
