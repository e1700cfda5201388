import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { aProduct } from '@/testing/fixtures';
import { fakeFetch, json, USER } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { ProductDetailPage } from './product-detail-page';

function renderProduct(roles: string[]) {
  const product = aProduct();
  vi.stubGlobal(
    'fetch',
    fakeFetch((call) => (call.url.endsWith('/api/auth/me') ? json(200, { ...USER, roles }) : json(200, product))).fetch,
  );
  renderWithProviders(
    <Routes>
      <Route path="/catalog/:productId" element={<ProductDetailPage />} />
    </Routes>,
    { path: `/catalog/${product.id}` },
  );
  return product;
}

describe('the product page', () => {
  it('shows a customer what to buy, not the product’s status', async () => {
    await session.establish({ accessToken: 'a', refreshToken: 'r' });
    const product = renderProduct(['customer']);

    expect(await screen.findByRole('heading', { level: 1, name: product.name })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Order' })).toBeVisible();
    expect(screen.queryByText('Status')).toBeNull();
    expect(screen.queryByText('active')).toBeNull();
  });

  it('tells an admin the status, in words', async () => {
    await session.establish({ accessToken: 'a', refreshToken: 'r' });
    renderProduct(['customer', 'admin']);

    expect(await screen.findByText('Status')).toBeVisible();
    expect(screen.getByText('Active')).toBeVisible();
  });
});
