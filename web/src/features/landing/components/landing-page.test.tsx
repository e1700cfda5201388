import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { session } from '@/lib/auth/session';
import { renderWithProviders } from '@/testing/render';
import { LandingPage } from './landing-page';

describe('the landing page', () => {
  it('says what Miyabi is and what a customer can do, and leads to the catalog and to sign-up', () => {
    renderWithProviders(<LandingPage />);

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('AI services for your business');
    expect(screen.getByText(/Miyabi is where your team buys AI-written courses/)).toBeVisible();
    expect(screen.getAllByRole('heading', { level: 3 }).map((heading) => heading.textContent)).toEqual([
      'Order a course or a document',
      "Get your team's approval",
      'Pay securely',
      'Watch it being made',
      'Try the AI studio',
    ]);
    expect(screen.getByRole('link', { name: 'Browse the catalog' })).toHaveAttribute('href', '/catalog');
    expect(screen.getByRole('link', { name: 'Create a free account' })).toHaveAttribute('href', '/sign-up');
  });

  it('offers a signed-in customer their orders instead of sign-up', async () => {
    await session.establish({ accessToken: 'a', refreshToken: 'r' });
    renderWithProviders(<LandingPage />);

    expect(screen.getByRole('link', { name: 'My orders' })).toHaveAttribute('href', '/orders');
    expect(screen.queryByRole('link', { name: 'Create a free account' })).toBeNull();
  });

  it('speaks Japanese', () => {
    renderWithProviders(<LandingPage />, { locale: 'ja' });

    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('ビジネスのための AI サービス');
    expect(screen.getByRole('link', { name: 'カタログを見る' })).toBeVisible();
  });
});
