import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { renderRoutes } from '@/testing/render';
import { HeaderSearch } from './header-search';

function renderAt(path: string) {
  return renderRoutes([{ path: '*', element: <HeaderSearch /> }], path);
}

describe('the header search box', () => {
  it('opens the results page for what was typed, keeping the kinds chosen there', async () => {
    const { router } = renderAt('/search?q=zone&types=course');
    const box = screen.getByRole('searchbox', { name: 'Search products, courses, documents and your library' });
    expect(box).toHaveValue('zone');

    const user = userEvent.setup();
    await user.clear(box);
    await user.type(box, '  landing zone {Enter}');

    expect(router.state.location.pathname).toBe('/search');
    expect(router.state.location.search).toBe('?q=landing+zone&types=course');
  });

  it('goes nowhere for a blank query, and / puts the cursor in it', async () => {
    const { router } = renderAt('/catalog');
    const user = userEvent.setup();

    await user.keyboard('/');
    const box = screen.getByRole('searchbox');
    expect(box).toHaveFocus();
    await user.type(box, '   {Enter}');
    expect(router.state.location.pathname).toBe('/catalog');
  });

  it('speaks Japanese', () => {
    renderRoutes([{ path: '*', element: <HeaderSearch /> }], '/', { locale: 'ja' });

    expect(screen.getByRole('search', { name: 'サイト内検索' })).toBeVisible();
    expect(screen.getByRole('button', { name: '検索' })).toBeVisible();
  });
});
