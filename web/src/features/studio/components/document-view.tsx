import { useEffect, useRef } from 'react';
import { useSearchParams } from 'react-router';
import { useI18n } from '@/lib/i18n/i18n-provider';
import type { DocumentOutput } from '../types';
import { Markdown } from './markdown';

/**
 * A generated document: its whole Markdown, its `#` title as the section's heading. Opened at a section
 * (`?section=n`, a search result's link), the heading of `sections[n − 1]` is marked and shown.
 */
export function DocumentView({ document }: { document: DocumentOutput }) {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const wanted = Number.parseInt(params.get('section') ?? '', 10);
  const heading = document.sections[wanted - 1]?.heading.trim();
  const article = useRef<HTMLElement>(null);

  useEffect(() => {
    if (!heading || !article.current) return;
    const found = [...article.current.querySelectorAll<HTMLElement>('h2, h3, h4, h5, h6')].find(
      (element) => element.textContent?.trim() === heading,
    );
    if (!found) return;
    found.tabIndex = -1;
    found.classList.add('document-section-target');
    found.focus({ preventScroll: true });
    found.scrollIntoView?.({ block: 'start' });
    return () => found.classList.remove('document-section-target');
  }, [heading]);

  return (
    <article ref={article} className="generated-document" aria-label={t('studio.document.label', { title: document.title })}>
      <p className="course-kicker">{t('studio.document.kicker')}</p>
      <Markdown top={2}>{document.markdown}</Markdown>
    </article>
  );
}
