import { useI18n } from '@/lib/i18n/i18n-provider';
import type { DocumentOutput } from '../types';
import { Markdown } from './markdown';

/** A generated document: its whole Markdown, its `#` title as the section's heading. */
export function DocumentView({ document }: { document: DocumentOutput }) {
  const { t } = useI18n();
  return (
    <article className="generated-document" aria-label={t('studio.document.label', { title: document.title })}>
      <p className="course-kicker">{t('studio.document.kicker')}</p>
      <Markdown top={2}>{document.markdown}</Markdown>
    </article>
  );
}
