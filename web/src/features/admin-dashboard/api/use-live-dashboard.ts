import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useRealtimeEvents } from '@/lib/realtime/realtime-provider';
import { isNotOlder } from '@/lib/versioned-cache';
import { serviceStateSchema, type ServiceState } from '../types';
import { metricsQueryKey } from './get-metrics';
import { stateQueryKey } from './get-state';

const TOPICS = ['state'] as const;
/** The metrics are SQL over the tables: read them at most this often, however busy the platform is. */
export const METRICS_REFRESH_MS = 10_000;

/** True when what the metrics count moved: orders, jobs or payments changed status. */
export function metricsMoved(before: ServiceState | undefined, after: ServiceState): boolean {
  if (!before) {
    return false;
  }
  const counted = (state: ServiceState) =>
    JSON.stringify([state.businessState.counts.orders, state.businessState.counts.aiJobs, state.businessState.counts.payments]);
  return counted(before) !== counted(after);
}

/** Refreshes the metrics now, or once at the end of the current interval; never more often. */
function createThrottle(queryClient: QueryClient, intervalMs: number, now: () => number = Date.now) {
  let last = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = now();
    void queryClient.invalidateQueries({ queryKey: metricsQueryKey });
  };
  return {
    request() {
      if (timer !== null) {
        return;
      }
      const wait = last + intervalMs - now();
      if (wait <= 0) {
        run();
      } else {
        timer = setTimeout(run, wait);
      }
    },
    cancel() {
      if (timer !== null) {
        clearTimeout(timer);
        timer = null;
      }
    },
  };
}

/**
 * Keeps the dashboard live: each `state.updated` event (topic `state`, admins; at most every 500 ms)
 * replaces the cached state unless it is older than what is shown, and when orders, jobs or payments
 * moved, the metrics are read again — throttled to one read per interval.
 */
export function useLiveDashboard(intervalMs: number = METRICS_REFRESH_MS): void {
  const queryClient = useQueryClient();
  const throttle = useRef<ReturnType<typeof createThrottle> | null>(null);

  useEffect(() => {
    const current = createThrottle(queryClient, intervalMs);
    throttle.current = current;
    return () => {
      current.cancel();
      throttle.current = null;
    };
  }, [queryClient, intervalMs]);

  useRealtimeEvents(TOPICS, (event, client) => {
    if (event.type !== 'state.updated') {
      return;
    }
    const parsed = serviceStateSchema.safeParse(event.payload);
    if (!parsed.success) {
      return;
    }
    const before = client.getQueryData<ServiceState>(stateQueryKey);
    if (!isNotOlder(before, parsed.data)) {
      return;
    }
    client.setQueryData(stateQueryKey, parsed.data);
    if (metricsMoved(before, parsed.data)) {
      throttle.current?.request();
    }
  });
}
