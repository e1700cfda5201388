import { useUploads } from '@/api/search-uploads';
import { EmptyState } from '@/components/ui/empty-state';
import { ListStates } from '@/components/ui/list-states';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { useUrlParams } from '@/lib/url-state';
import { needsSearchAccess } from '../api/access';
import { AskForm } from './ask-form';
import { SearchPlanOffer } from './search-plan-offer';
import { UploadForm } from './upload-form';
import { UploadList } from './upload-list';

const PAGE_SIZE = 20;

/**
 * The private library of a customer with search access: ask a question, add files, see and delete
 * them. Whether the customer has access is what the server says when the files are read (403
 * `search_access_required`); without it the page offers the Content Search plan instead.
 */
export function LibraryPage() {
  const { t, plural } = useI18n();
  const [params, update] = useUrlParams();
  const page = pageParam(params.get('page'));
  const uploads = useUploads({ page, size: PAGE_SIZE });

  if (uploads.isPending) {
    return (
      <Page title={t('library.title')}>
        <Spinner label={t('common.loading')} />
      </Page>
    );
  }
  if (needsSearchAccess(uploads.error)) {
    return (
      <Page title={t('library.title')}>
        <p className="lead">{t('library.offer.lead')}</p>
        <SearchPlanOffer />
      </Page>
    );
  }
  return (
    <Page title={t('library.title')}>
      <p className="lead">{t('library.lead')}</p>
      <div className="library-grid">
        <AskForm />
        <UploadForm />
      </div>
      <section className="library-files" aria-labelledby="library-files-title">
        <h2 id="library-files-title">
          {t('library.files.heading')}{' '}
          {uploads.data ? (
            <span className="muted search-group-count">{plural('library.files.count', uploads.data.total)}</span>
          ) : null}
        </h2>
        <ListStates
          query={uploads}
          onPage={(next) => update({ page: next > 0 ? String(next) : undefined })}
          empty={
            <EmptyState title={t('library.files.none')}>
              <p>{t('library.files.noneHint')}</p>
            </EmptyState>
          }
        >
          {(data) => <UploadList uploads={data.items} busy={uploads.isPlaceholderData} />}
        </ListStates>
      </section>
    </Page>
  );
}
