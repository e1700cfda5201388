import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import type { Locale } from '@/lib/i18n/catalogue';
import { I18nProvider } from '@/lib/i18n/i18n-provider';

/** Renders a component with what the app gives it: i18n, a fresh query cache and a router. */
export function renderWithProviders(ui: ReactElement, { locale = 'en', path = '/' }: { locale?: Locale; path?: string } = {}) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  return {
    queryClient,
    ...render(
      <I18nProvider locale={locale}>
        <QueryClientProvider client={queryClient}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </QueryClientProvider>
      </I18nProvider>,
    ),
  };
}
