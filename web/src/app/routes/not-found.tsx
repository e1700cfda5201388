import { Link } from 'react-router';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { useI18n } from '@/lib/i18n/i18n-provider';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Page title={t('notFound.title')}>
      <EmptyState title={t('notFound.body')}>
        <Link to="/">{t('notFound.home')}</Link>
      </EmptyState>
    </Page>
  );
}
