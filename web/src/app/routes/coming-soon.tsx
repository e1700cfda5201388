import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';

/** The place of a page whose server module is still being built; says so plainly. */
export function ComingSoon({ title, body }: { title: MessageKey; body: MessageKey }) {
  const { t } = useI18n();
  return (
    <Page title={t(title)}>
      <EmptyState title={t('comingSoon.title')}>{t(body)}</EmptyState>
    </Page>
  );
}
