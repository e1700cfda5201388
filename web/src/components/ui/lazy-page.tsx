import { lazy, Suspense, type ComponentType } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { Spinner } from './spinner';

function PageLoading() {
  const { t } = useI18n();
  return <Spinner label={t('common.loading')} />;
}

/**
 * A page whose code is fetched when it is first opened: the heavy libraries some pages need (charts,
 * Markdown) stay out of the bundle every visitor loads first.
 */
export function lazyPage(load: () => Promise<ComponentType>) {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage() {
    return (
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    );
  };
}
