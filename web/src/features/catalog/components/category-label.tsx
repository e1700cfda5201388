import { useI18n } from '@/lib/i18n/i18n-provider';
import { isCategory } from '../types';

export function CategoryLabel({ category }: { category: string }) {
  const { t } = useI18n();
  return (
    <span className={`category category-${category}`}>
      {isCategory(category) ? t(`catalog.categories.${category}`) : category}
    </span>
  );
}
