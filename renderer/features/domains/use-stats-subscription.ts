import { useEffect } from 'react';
import { call } from '../../ipc/client';

/** Main samples statistics only while someone looks: subscribe while the table is shown. */
export function useStatsSubscription(connectionId: string): void {
  useEffect(() => {
    // A failed subscription just leaves the CPU column empty.
    call('stats.subscribe', connectionId).catch(() => undefined);
    return () => { call('stats.unsubscribe', connectionId).catch(() => undefined); };
  }, [connectionId]);
}
