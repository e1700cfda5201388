import { act } from '@testing-library/react';
import type { ReactElement } from 'react';
import { expect, vi } from 'vitest';
import { Route, Routes, useLocation } from 'react-router';
import type { Product } from '@/api/schemas/product';
import { session } from '@/lib/auth/session';
import type { Locale } from '@/lib/i18n/catalogue';
import { PRODUCT_ID } from '@/testing/fixtures';
import { fakeFetch, json } from '@/testing/http';
import { fakeSocketConnection } from '@/testing/realtime';
import { renderWithProviders } from '@/testing/render';
import { OrderNewPage } from './components/order-new-page';
import type { Order } from './types';

/** Where a page navigated to (any path the test did not mount). */
function LocationProbe() {
  return <p data-testid="location">{useLocation().pathname}</p>;
}

/**
 * Renders a page of this feature as the app does — signed in, with the tab's realtime connection —
 * over a fake WebSocket whose events the test sends.
 */
export function renderLive(
  element: ReactElement,
  { path, route, locale = 'en' }: { path: string; route: string; locale?: Locale },
) {
  void session.establish({ accessToken: 'customer-token', refreshToken: 'customer-refresh' });
  const { connection, sockets, latest: socket } = fakeSocketConnection({ token: async () => 'customer-token' });
  const rendered = renderWithProviders(
    <Routes>
      <Route path={route} element={element} />
      <Route path="*" element={<LocationProbe />} />
    </Routes>,
    { path, locale, connection },
  );
  let eventId = 100;
  return {
    ...rendered,
    socket,
    /** Opens the socket and authenticates it, as the server would. */
    async connect() {
      await act(async () => {
        await vi.waitFor(() => expect(sockets.length, 'the page opened its WebSocket').toBeGreaterThan(0));
        const current = socket();
        current.open();
        current.receive({ type: 'auth_success', id: 'a', payload: { userId: 'u', roles: ['customer'] } });
      });
    },
    /** The topics the page subscribed to so far. */
    topics(): string[] {
      return socket()
        .sent.filter((message) => message.type === 'subscribe')
        .flatMap((message) => (message.payload?.topics as string[] | undefined) ?? []);
    },
    /** A server event, as the WebSocket delivers it. */
    async emit(type: string, payload: Record<string, unknown>) {
      eventId += 1;
      await act(async () => {
        socket().receive({ type, id: String(eventId), ts: new Date().toISOString(), payload: { eventId, ...payload } });
        // The query cache tells its observers on the next tick.
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    },
  };
}

export const ORDER_ID = '7d9b2c1e-5a4f-4e3d-9c2b-1a0f9e8d7c6b';

/** An order as the server renders it (GET /api/orders/{id}), awaiting payment unless changed. */
export function anOrder(changes: Partial<Order> = {}): Order {
  return {
    id: ORDER_ID,
    userId: '5f0c8a5e-2f6b-4c3e-9a51-0d8c7d1e2f3a',
    productId: PRODUCT_ID,
    productName: 'Technical Support: Priority',
    category: 'technical_support',
    quantity: 1,
    unitPrice: { amount: '99.00', currency: 'USD' },
    total: { amount: '99.00', currency: 'USD' },
    status: 'awaiting_payment',
    input: null,
    approvalId: null,
    paymentId: null,
    aiJobId: null,
    version: 2,
    createdAt: '2026-11-26T07:00:00Z',
    updatedAt: '2026-11-26T07:00:01Z',
    completedAt: null,
    timeline: [
      { status: 'pending', at: '2026-11-26T07:00:00Z', actor: { type: 'user', id: 'u', name: 'Hana' }, note: null },
      {
        status: 'awaiting_payment',
        at: '2026-11-26T07:00:01Z',
        actor: { type: 'system', id: null, name: 'Miyabi' },
        note: 'No approval needed',
      },
    ],
    ...changes,
  };
}

/** The order form for `product` (`/orders/new?productId=…`); `handler` answers every other call. Returns the calls. */
export function renderNewOrder(product: Product, handler: Parameters<typeof fakeFetch>[0]) {
  const fake = fakeFetch((call) => (call.url === `/api/products/${product.id}` ? json(200, product) : handler(call)));
  vi.stubGlobal('fetch', fake.fetch);
  renderLive(<OrderNewPage />, { path: `/orders/new?productId=${product.id}`, route: '/orders/new' });
  return fake.calls;
}
