import { useI18n } from '@/lib/i18n/i18n-provider';
import { Button } from './button';

/** Previous/next paging over the API's `{page, size, total}` (pages count from 0). */
export function Pagination({
  page,
  size,
  total,
  onPage,
}: {
  page: number;
  size: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t, number } = useI18n();
  const pages = Math.max(1, Math.ceil(total / Math.max(1, size)));
  if (total <= size && page === 0) {
    return null;
  }
  return (
    <nav className="pagination" aria-label={t('pagination.label')}>
      <Button variant="secondary" disabled={page <= 0} onClick={() => onPage(page - 1)}>
        {t('pagination.previous')}
      </Button>
      <span aria-live="polite">
        {t('pagination.status', { page: number(page + 1), pages: number(pages), total: number(total) })}
      </span>
      <Button variant="secondary" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        {t('pagination.next')}
      </Button>
    </nav>
  );
}
