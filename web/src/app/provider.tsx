import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { useEffect, useState, type ReactNode } from 'react';
import { session } from '@/lib/auth/session';
import { I18nProvider } from '@/lib/i18n/i18n-provider';
import { createQueryClient } from '@/lib/query-client';
import type { RealtimeConnection } from '@/lib/realtime/realtime-connection';
import { createBrowserConnection, RealtimeProvider } from '@/lib/realtime/realtime-provider';

/**
 * Forgets every cached answer when the session ends (signed out here, in another tab, or refused).
 * The queries are reset, not removed: a page still showing (the catalog, whose read found the
 * refresh token revoked) reads again, signed out, instead of waiting forever for an answer to a
 * query no longer in the cache.
 */
export function forgetSessionData(queryClient: QueryClient): void {
  void queryClient.resetQueries();
}

function useForgetDataOnSignOut(queryClient: QueryClient) {
  useEffect(
    () =>
      session.subscribe(() => {
        if (!session.isSignedIn()) {
          forgetSessionData(queryClient);
        }
      }),
    [queryClient],
  );
}

export function AppProvider({
  children,
  queryClient: given,
  connection: givenConnection,
}: {
  children: ReactNode;
  queryClient?: QueryClient;
  connection?: RealtimeConnection;
}) {
  const [queryClient] = useState(() => given ?? createQueryClient());
  const [connection] = useState(() => givenConnection ?? createBrowserConnection());
  useForgetDataOnSignOut(queryClient);
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RealtimeProvider connection={connection}>{children}</RealtimeProvider>
      </QueryClientProvider>
    </I18nProvider>
  );
}
