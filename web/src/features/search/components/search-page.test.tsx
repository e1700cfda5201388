import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fakeFetch, json, problem } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { SearchPage } from './search-page';

const JOB = '0b6f7f0e-4a43-4a7b-8d0a-5d8f0f7f1a01';
const PRODUCT = '9d2c1b7a-2f4e-4c55-8a0f-3c1e2d4b5a69';

const results = {
  results: [
    {
      type: 'course',
      id: JOB,
      title: 'Cloud landing zones',
      snippet: 'Design a <mark>landing</mark> zone &amp; its accounts',
      score: 0.032,
      matchedBy: ['keyword', 'semantic'],
      lesson: { module: 2, lesson: 3, title: 'Account structure' },
      section: null,
    },
    {
      type: 'product',
      id: PRODUCT,
      title: 'AI Course: Enterprise Cloud Architecture',
      snippet: 'A tailored course on <mark>landing</mark> zones.',
      score: 0.016,
      matchedBy: ['semantic'],
      lesson: null,
      section: null,
    },
  ],
  tookMs: 12,
};

describe('the search results page', () => {
  it('groups the results by kind with their highlighted snippets and links to the matching place', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, results));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SearchPage />, { path: '/search?q=landing%20zone' });

    const courses = await screen.findByRole('region', { name: 'Courses 1 result' });
    expect(calls[0]?.url).toBe('/api/search?q=landing+zone&limit=20');
    expect(within(courses).getByRole('link', { name: 'Cloud landing zones' })).toHaveAttribute(
      'href',
      `/studio/jobs/${JOB}?module=2&lesson=3`,
    );
    expect(within(courses).getByText('Lesson 2.3: Account structure')).toBeVisible();
    expect(within(courses).getByText('landing').tagName).toBe('MARK');
    expect(within(courses).getByText('Found by keyword · meaning')).toBeVisible();
    const products = screen.getByRole('region', { name: 'Products 1 result' });
    expect(within(products).getByRole('link')).toHaveAttribute('href', `/catalog/${PRODUCT}`);
    expect(within(products).getByText('Found by meaning')).toBeVisible();
    // Products first, as the contract lists the kinds.
    const headings = screen.getAllByRole('heading', { level: 2 }).map((heading) => heading.textContent);
    expect(headings).toEqual(['Products 1 result', 'Courses 1 result']);
    expect(screen.getByText('2 results')).toBeVisible();
  });

  it('asks for the kinds ticked, kept in the address', async () => {
    const { fetch, calls } = fakeFetch(() => json(200, { results: [], tookMs: 3 }));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SearchPage />, { path: '/search?q=zone&types=course,bogus' });

    expect(await screen.findByText('Nothing found')).toBeVisible();
    expect(calls[0]?.url).toBe('/api/search?q=zone&types=course&limit=20');
    expect(screen.getByRole('checkbox', { name: 'Course' })).toBeChecked();

    await userEvent.setup().click(screen.getByRole('checkbox', { name: 'Library file' }));
    await waitFor(() => expect(calls.at(-1)?.url).toBe('/api/search?q=zone&types=course%2Cupload&limit=20'));
  });

  it('asks nothing without a query, and says where to type one', () => {
    const { fetch, calls } = fakeFetch(() => json(200, results));
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(<SearchPage />, { path: '/search' });

    expect(screen.getByText('What are you looking for?')).toBeVisible();
    expect(calls).toHaveLength(0);
  });

  it('shows what the server did not accept as a message', async () => {
    vi.stubGlobal(
      'fetch',
      fakeFetch(() =>
        problem(400, 'validation_failed', 'The request is not valid', {
          errors: [{ field: 'q', message: 'must have at most 500 characters' }],
        }),
      ).fetch,
    );
    renderWithProviders(<SearchPage />, { path: `/search?q=${'a'.repeat(501)}` });

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('This search cannot be run');
    expect(alert).toHaveTextContent('must have at most 500 characters');
  });

  it('reports a server failure', async () => {
    vi.stubGlobal('fetch', fakeFetch(() => problem(500, 'internal_error', 'boom')).fetch);
    renderWithProviders(<SearchPage />, { path: '/search?q=zone' });

    expect(await screen.findByRole('alert')).toHaveTextContent('The server failed to handle this.');
  });
});
