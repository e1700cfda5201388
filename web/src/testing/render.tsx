import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement, ReactNode } from 'react';
import { createMemoryRouter, MemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import type { Locale } from '@/lib/i18n/catalogue';
import { I18nProvider } from '@/lib/i18n/i18n-provider';
import type { RealtimeConnection } from '@/lib/realtime/realtime-connection';
import { RealtimeProvider } from '@/lib/realtime/realtime-provider';
import { fakeConnection, fakeSocketConnection } from './realtime';

type Options = {
  locale?: Locale;
  /** The tab's realtime connection; without it, the component gets no RealtimeProvider. */
  connection?: RealtimeConnection;
};

function newQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** i18n, the query cache and (if given) the realtime connection, as the app's provider nests them. */
function renderProviders(children: ReactNode, { locale = 'en', connection }: Options) {
  const queryClient = newQueryClient();
  const view = render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={queryClient}>
        {connection ? <RealtimeProvider connection={connection}>{children}</RealtimeProvider> : children}
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { queryClient, ...view };
}

/** Renders a component with what the app gives it: i18n, a fresh query cache and a router. */
export function renderWithProviders(ui: ReactElement, { path = '/', ...options }: Options & { path?: string } = {}) {
  return renderProviders(<MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>, options);
}

/**
 * Renders a component as `renderWithProviders` does, with a connection double whose events the test
 * plays with `realtime.emit(…)`.
 */
export function renderWithRealtime(ui: ReactElement, options: { locale?: Locale; path?: string } = {}) {
  const realtime = fakeConnection();
  return { ...renderWithProviders(ui, { ...options, connection: realtime.connection }), realtime };
}

/**
 * Renders routes in a data router as the app does. Unless `connection` is given, the tab's realtime
 * connection runs over fake sockets: `sockets` holds the ones it opened.
 */
export function renderRoutes(routes: RouteObject[], path = '/', options: Options = {}) {
  const fake = options.connection ? undefined : fakeSocketConnection();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const view = renderProviders(<RouterProvider router={router} />, {
    ...options,
    connection: options.connection ?? fake!.connection,
  });
  return { ...view, router, sockets: fake?.sockets ?? [] };
}
