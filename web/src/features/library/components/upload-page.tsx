import { useEffect, useRef } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useUpload } from '@/api/search-uploads';
import { Alert } from '@/components/ui/alert';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { needsSearchAccess } from '../api/access';
import { SearchPlanOffer } from './search-plan-offer';
import { fileSize } from './upload-list';

/**
 * One file of the library, as the passages search finds and answers cite; `?section=n` (a result's or a
 * citation's link) shows that passage marked, scrolled to and focused.
 */
export function UploadPage() {
  const { t, dateTime, number } = useI18n();
  const { uploadId = '' } = useParams();
  const [params] = useSearchParams();
  const wanted = Number.parseInt(params.get('section') ?? '', 10);
  const upload = useUpload(uploadId);
  const target = useRef<HTMLElement>(null);
  const sections = upload.data?.sections;

  useEffect(() => {
    if (sections && target.current) {
      target.current.focus({ preventScroll: true });
      target.current.scrollIntoView?.({ block: 'start' });
    }
  }, [sections, wanted]);

  const title = upload.data?.title ?? t('library.upload.pageTitle');
  return (
    <Page title={title}>
      <p>
        <Link to="/library">{t('library.back')}</Link>
      </p>
      {upload.isPending ? <Spinner label={t('common.loading')} /> : null}
      {needsSearchAccess(upload.error) ? <SearchPlanOffer /> : null}
      {upload.isError && !needsSearchAccess(upload.error) ? <Alert tone="error">{errorMessage(upload.error, t)}</Alert> : null}
      {upload.data ? (
        <>
          <p className="muted">
            {t('library.upload.facts', {
              filename: upload.data.filename,
              size: fileSize(upload.data.sizeBytes, number),
              characters: number(upload.data.characters),
              date: dateTime(upload.data.createdAt),
            })}
          </p>
          <ol className="upload-sections">
            {upload.data.sections.map((section) => {
              const isTarget = section.number === wanted;
              return (
                <li key={section.number} value={section.number}>
                  <article
                    ref={isTarget ? target : undefined}
                    tabIndex={isTarget ? -1 : undefined}
                    className={isTarget ? 'upload-section upload-section-target' : 'upload-section'}
                    aria-current={isTarget ? 'location' : undefined}
                    aria-label={section.heading ?? t('search.place.sectionNumber', { n: section.number })}
                  >
                    {section.heading ? <h2>{section.heading}</h2> : null}
                    <p className="upload-section-text">{section.text}</p>
                  </article>
                </li>
              );
            })}
          </ol>
        </>
      ) : null}
    </Page>
  );
}
