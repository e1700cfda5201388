import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { I18nProvider } from '@/lib/i18n/i18n-provider';
import { createRealtimeConnection, type SocketLike } from '@/lib/realtime/realtime-connection';
import { RealtimeProvider } from '@/lib/realtime/realtime-provider';

/** A WebSocket double: the test opens it, and sends it server messages. */
export class FakeSocket implements SocketLike {
  readyState = 0;
  sent: { type: string; payload?: Record<string, unknown> }[] = [];
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close(code = 1000) {
    this.readyState = 3;
    this.onclose?.({ code } as CloseEvent);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({} as Event);
  }
  receive(message: unknown) {
    this.onmessage?.({ data: JSON.stringify(message) } as MessageEvent);
  }
}

/** Renders routes as the app does: i18n, a query cache, the tab's realtime connection, a router. */
export function renderRoutes(routes: RouteObject[], path: string, element?: ReactElement) {
  const sockets: FakeSocket[] = [];
  const connection = createRealtimeConnection({
    url: () => 'ws://test/ws',
    token: async () => 'token',
    createSocket: () => {
      const socket = new FakeSocket();
      sockets.push(socket);
      return socket;
    },
  });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(element ? [{ path: '*', element }] : routes, { initialEntries: [path] });
  const view = render(
    <I18nProvider locale="en">
      <QueryClientProvider client={queryClient}>
        <RealtimeProvider connection={connection}>
          <RouterProvider router={router} />
        </RealtimeProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...view, queryClient, sockets, router };
}
