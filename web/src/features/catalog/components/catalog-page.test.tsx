import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { aProduct } from '@/testing/fixtures';
import { fakeFetch, json, problem } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { CatalogPage } from './catalog-page';

const product = aProduct({
  name: 'Course: Kubernetes for teams',
  description: 'A generated course with modules, lessons and quizzes.',
});

describe('the catalog page', () => {
  it('shows products with their price and category, and searches as the user types', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { items: [product], page: 0, size: 12, total: 1 }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<CatalogPage />, { path: '/catalog?category=ai_course_generation' });

    expect(await screen.findByRole('link', { name: product.name })).toHaveAttribute('href', `/catalog/${product.id}`);
    expect(screen.getByText('$2,500.00')).toBeVisible();
    expect(screen.getByText('1 product')).toBeVisible();
    expect(screen.getByLabelText('Category')).toHaveValue('ai_course_generation');
    expect(calls[0]?.url).toBe('/api/products?category=ai_course_generation&page=0&size=12');

    await userEvent.setup().type(screen.getByRole('searchbox', { name: 'Search' }), 'kube');
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/products?q=kube&category=ai_course_generation&page=0&size=12'));
  });

  it('shows an empty catalog, not an error, while the server has no catalog yet', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => problem(404, 'not_found', 'No endpoint GET /api/products')).fetch);
    renderWithProviders(<CatalogPage />, { path: '/catalog' });

    expect(await screen.findByText('No products yet')).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reports a real failure', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => problem(500, 'internal_error', 'boom')).fetch);
    renderWithProviders(<CatalogPage />, { path: '/catalog' });

    expect(await screen.findByRole('alert')).toHaveTextContent('The server failed to handle this.');
  });
});
