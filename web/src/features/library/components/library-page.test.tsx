import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { aProduct } from '@/testing/fixtures';
import { fakeFetch, json, problem, type Call } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { LibraryPage } from './library-page';

const UPLOAD_ID = '3e1f2a4b-5c6d-4e7f-8a9b-0c1d2e3f4a5b';
const upload = {
  id: UPLOAD_ID,
  userId: '5f0c8a5e-2f6b-4c3e-9a51-0d8c7d1e2f3a',
  filename: 'tea.md',
  mediaType: 'text/markdown',
  sizeBytes: 2048,
  title: 'Tea gathering',
  characters: 1800,
  createdAt: '2026-12-01T09:00:00Z',
};
const plan = aProduct({
  id: 'a7c1e2d3-0000-4000-8000-000000000001',
  name: 'Content Search: Team Plan',
  category: 'ai_search_service',
  price: { amount: '19.00', currency: 'USD' },
});

async function renderLibrary(handler: (call: Call) => Response) {
  await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
  const http = fakeFetch(handler);
  vi.stubGlobal('fetch', http.fetch);
  renderWithProviders(<LibraryPage />, { path: '/library' });
  return http;
}

describe('the library page', () => {
  it('offers the Content Search plan to a customer without search access', async () => {
    const { calls } = await renderLibrary((call) =>
      call.url.startsWith('/api/products')
        ? json(200, { items: [plan], page: 0, size: 10, total: 1 })
        : problem(403, 'search_access_required', 'Search access is needed'),
    );

    const offer = await screen.findByRole('region', { name: 'Get the Content Search plan' });
    expect(await within(offer).findByRole('link', { name: 'Get Content Search: Team Plan' })).toHaveAttribute(
      'href',
      `/catalog/${plan.id}`,
    );
    expect(within(offer).getByText('$19.00')).toBeVisible();
    expect(screen.queryByLabelText('File')).toBeNull();
    expect(screen.queryByLabelText('Question')).toBeNull();
    expect(calls.some((call) => call.url === '/api/products?category=ai_search_service&sort=price%2Casc&page=0&size=10')).toBe(
      true,
    );
  });

  it('offers the plan in Japanese', async () => {
    await session.establish({ accessToken: 'token', refreshToken: 'refresh' });
    vi.stubGlobal(
      'fetch',
      fakeFetch((call) =>
        call.url.startsWith('/api/products')
          ? json(200, { items: [plan], page: 0, size: 10, total: 1 })
          : problem(403, 'search_access_required', 'Search access is needed'),
      ).fetch,
    );
    renderWithProviders(<LibraryPage />, { path: '/library', locale: 'ja' });

    const offer = await screen.findByRole('region', { name: 'Content Search プランを購入' });
    expect(await within(offer).findByRole('link', { name: 'Content Search: Team Plan を購入' })).toBeVisible();
  });

  it('lists the files of a customer with access and explains a refused upload', async () => {
    const { calls } = await renderLibrary((call) =>
      call.method === 'POST'
        ? problem(415, 'unsupported_media_type', 'Unsupported')
        : json(200, { items: [upload], page: 0, size: 20, total: 1 }),
    );
    // The picker offers the readable kinds; a user can still choose "all files".
    const user = userEvent.setup({ applyAccept: false });

    const files = await screen.findByRole('table', { name: 'Files in your library' });
    expect(within(files).getByRole('link', { name: 'Tea gathering' })).toHaveAttribute('href', `/library/uploads/${UPLOAD_ID}`);
    expect(within(files).getByText('2 KB')).toBeVisible();
    expect(screen.getByText('1 file')).toBeVisible();

    await user.upload(screen.getByLabelText('File'), new File(['\u0089PNG'], 'photo.png', { type: 'image/png' }));
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This kind of file cannot be added.');
    expect(screen.getByLabelText('File')).toHaveAttribute('aria-invalid', 'true');
    expect(calls.filter((call) => call.method === 'POST' && call.url === '/api/search/uploads')).toHaveLength(1);
  });

  it('refuses a file over 10 MB before sending it', async () => {
    const { calls } = await renderLibrary(() => json(200, { items: [], page: 0, size: 20, total: 0 }));
    const user = userEvent.setup();
    expect(await screen.findByText('No files yet')).toBeVisible();

    const big = new File(['x'], 'big.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    await user.upload(screen.getByLabelText('File'), big);
    await user.click(screen.getByRole('button', { name: 'Upload' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This file is too large');
    expect(calls.some((call) => call.method === 'POST')).toBe(false);
  });

  it('answers a question with numbered citations linked to their sources', async () => {
    const answer = {
      answer: 'Whisk it in a quick zigzag [1].',
      citations: [
        {
          n: 1,
          type: 'upload',
          id: UPLOAD_ID,
          title: 'Tea gathering',
          snippet: 'whisk in a quick <mark>zigzag</mark>',
          lesson: null,
          section: { number: 2, heading: 'Preparing the matcha' },
        },
      ],
      generatedBy: { provider: 'offline', model: 'miyabi-offline-1' },
      tokenUsage: { input: 300, output: 20 },
    };
    const { calls } = await renderLibrary((call) =>
      call.url === '/api/search/answers' ? json(200, answer) : json(200, { items: [upload], page: 0, size: 20, total: 1 }),
    );
    const user = userEvent.setup();

    await user.type(await screen.findByLabelText('Question'), 'How is matcha whisked?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));

    const shown = await screen.findByRole('region', { name: 'Answer' });
    expect(calls.at(-1)?.body).toEqual({ question: 'How is matcha whisked?' });
    const reference = within(shown).getByRole('link', { name: 'Source 1' });
    const source = within(shown).getByRole('listitem');
    expect(reference).toHaveAttribute('href', `#${source.id}`);
    expect(within(source).getByRole('link', { name: 'Tea gathering' })).toHaveAttribute(
      'href',
      `/library/uploads/${UPLOAD_ID}?section=2`,
    );
    expect(within(source).getByText('Section 2: Preparing the matcha')).toBeVisible();
    expect(within(source).getByText('zigzag').tagName).toBe('MARK');
    expect(within(shown).getByText('Written by offline · miyabi-offline-1 · 320 tokens')).toBeVisible();
  });

  it('asks for a question before sending one', async () => {
    const { calls } = await renderLibrary(() => json(200, { items: [], page: 0, size: 20, total: 0 }));
    const user = userEvent.setup();

    await user.click(await screen.findByRole('button', { name: 'Ask' }));

    expect(screen.getByRole('alert')).toHaveTextContent('Enter a question.');
    expect(screen.getByLabelText('Question')).toHaveFocus();
    expect(calls.some((call) => call.url === '/api/search/answers')).toBe(false);
  });
});
