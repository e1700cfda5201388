import { useI18n } from '@/lib/i18n/i18n-provider';
import type { FoundSource } from './result-link';

/** Where in its source a result or a citation matched: "Lesson 2.3: …" or "Section 4: …"; nothing for a whole source. */
export function SourcePlace({ source }: { source: FoundSource }) {
  const { t } = useI18n();
  if (source.lesson) {
    return (
      <p className="search-place">
        {t('search.place.lesson', { n: `${source.lesson.module}.${source.lesson.lesson}`, title: source.lesson.title })}
      </p>
    );
  }
  if (source.section) {
    return (
      <p className="search-place">
        {source.section.heading
          ? t('search.place.section', { n: source.section.number, heading: source.section.heading })
          : t('search.place.sectionNumber', { n: source.section.number })}
      </p>
    );
  }
  return null;
}
