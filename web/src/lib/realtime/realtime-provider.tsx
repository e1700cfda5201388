import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { webSocketUrl } from '@/lib/api-origin';
import { session } from '@/lib/auth/session';
import {
  createRealtimeConnection,
  type ConnectionState,
  type RealtimeConnection,
  type RealtimeEvent,
} from './realtime-connection';

/** The tab's one connection; it runs while someone is signed in. */
export function createBrowserConnection(): RealtimeConnection {
  return createRealtimeConnection({
    url: () => webSocketUrl(),
    token: (refresh) => (refresh ? session.refresh() : session.currentAccessToken()),
  });
}

const RealtimeContext = createContext<RealtimeConnection | null>(null);

export function RealtimeProvider({ children, connection }: { children: ReactNode; connection: RealtimeConnection }) {
  const signedIn = useSyncExternalStore(session.subscribe, session.isSignedIn);

  useEffect(() => {
    if (!signedIn) {
      connection.stop();
      return undefined;
    }
    connection.start();
    const online = () => connection.retryNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      connection.stop();
    };
  }, [signedIn, connection]);

  return <RealtimeContext.Provider value={connection}>{children}</RealtimeContext.Provider>;
}

function useConnection(): RealtimeConnection {
  const connection = useContext(RealtimeContext);
  if (!connection) {
    throw new Error('Realtime hooks need a <RealtimeProvider>');
  }
  return connection;
}

export function useRealtimeState(): ConnectionState {
  const connection = useConnection();
  return useSyncExternalStore(connection.onState, connection.state);
}

/**
 * Subscribes the tab to `topics` while the calling component is mounted and hands every event to
 * `onEvent` together with the query client — the place where a feature writes the event into its
 * cached queries (`setQueryData` for the resource, `invalidateQueries` for lists). No polling.
 */
export function useRealtimeEvents(
  topics: readonly string[],
  onEvent: (event: RealtimeEvent, queryClient: QueryClient) => void,
): void {
  const connection = useConnection();
  const queryClient = useQueryClient();
  const handler = useRef(onEvent);
  useEffect(() => {
    handler.current = onEvent;
  });
  const key = topics.join('\u0000');

  useEffect(() => {
    const wanted = key.split('\u0000').filter(Boolean);
    const unsubscribe = connection.subscribe(wanted);
    const off = connection.onEvent((event) => handler.current(event, queryClient));
    return () => {
      off();
      unsubscribe();
    };
  }, [connection, queryClient, key]);
}
