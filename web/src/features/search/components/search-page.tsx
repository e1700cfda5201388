import { useId } from 'react';
import { Link } from 'react-router';
import { isSearchType, SEARCH_TYPES, type SearchType } from '@/api/schemas/search';
import { useSearch } from '@/api/search';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Spinner } from '@/components/ui/spinner';
import { useSignedIn } from '@/lib/auth/get-me';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { useUrlParams } from '@/lib/url-state';
import { groupResults } from './group-results';
import { ResultGroupSection } from './result-group';

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

/** The kinds named by the URL's `types` (unknown names dropped); none means every kind. */
export function typesParam(value: string | null): SearchType[] {
  const named = (value ?? '').split(',').map((type) => type.trim());
  return SEARCH_TYPES.filter((type) => named.includes(type) && isSearchType(type));
}

function limitParam(value: string | null): number {
  const parsed = Number.parseInt(value ?? '', 10);
  return Number.isFinite(parsed) && parsed >= 1 && parsed <= MAX_LIMIT ? parsed : DEFAULT_LIMIT;
}

/**
 * The results of the header's search box (`/search?q=…&types=…`): grouped by kind, each result linked
 * to the place that matched, its words highlighted. The kinds to show are checkboxes kept in the URL.
 */
export function SearchPage() {
  const { t, plural, number } = useI18n();
  const signedIn = useSignedIn();
  const [params, update] = useUrlParams();
  const q = (params.get('q') ?? '').trim();
  const types = typesParam(params.get('types'));
  const limit = limitParam(params.get('limit'));
  const results = useSearch({ q, types, limit });
  const filtersId = useId();

  function toggle(type: SearchType, on: boolean) {
    const next = on ? [...types, type] : types.filter((each) => each !== type);
    const ordered = SEARCH_TYPES.filter((each) => next.includes(each));
    update({
      types: ordered.length > 0 && ordered.length < SEARCH_TYPES.length ? ordered.join(',') : undefined,
      limit: undefined,
    });
  }

  const data = results.data;
  const found = data?.results ?? [];
  return (
    <Page title={t('search.page.title')}>
      <fieldset className="search-kinds" aria-describedby={`${filtersId}-hint`}>
        <legend>{t('search.kinds.legend')}</legend>
        {SEARCH_TYPES.map((type) => (
          <label key={type} className="search-kind">
            <input type="checkbox" checked={types.includes(type)} onChange={(event) => toggle(type, event.target.checked)} />
            {t(`search.kind.${type}`)}
          </label>
        ))}
        <p id={`${filtersId}-hint`} className="field-hint">
          {t('search.kinds.hint')}
        </p>
      </fieldset>

      {q === '' ? (
        <EmptyState title={t('search.noQuery')}>
          <p>{t('search.noQueryHint')}</p>
        </EmptyState>
      ) : null}
      {q !== '' && results.isPending ? <Spinner label={t('search.searching')} /> : null}
      {q !== '' && results.isError ? <SearchError error={results.error} /> : null}

      {q !== '' && data && !results.isError ? (
        <div aria-busy={results.isFetching || undefined}>
          <p className="search-summary" role="status">
            {found.length > 0 ? plural('search.count', found.length) : t('search.none', { q })}
            {found.length > 0 ? <span className="muted"> · {t('search.for', { q, ms: number(data.tookMs) })}</span> : null}
          </p>
          {found.length === 0 ? (
            <EmptyState title={t('search.noneTitle')}>
              <p>{t('search.noneHint')}</p>
              {!signedIn ? (
                <p>
                  <Link to="/sign-in">{t('search.signInForMore')}</Link>
                </p>
              ) : null}
            </EmptyState>
          ) : (
            groupResults(found).map((group) => <ResultGroupSection key={group.type} type={group.type} results={group.results} />)
          )}
          {found.length >= limit && limit < MAX_LIMIT ? (
            <Button
              variant="secondary"
              busy={results.isFetching}
              onClick={() => update({ limit: String(Math.min(MAX_LIMIT, limit * 2 + 10)) })}
            >
              {t('search.more')}
            </Button>
          ) : null}
        </div>
      ) : null}
    </Page>
  );
}

/** A 400 names what the server did not accept (a query too long, an unknown kind); other failures say what happened. */
function SearchError({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (isApiError(error) && error.status === 400) {
    return (
      <Alert tone="error" title={t('search.invalid')}>
        {error.fieldErrors.length > 0 ? (
          <ul>
            {error.fieldErrors.map((field) => (
              <li key={`${field.field}:${field.message}`}>{field.message}</li>
            ))}
          </ul>
        ) : (
          <p>{error.message}</p>
        )}
      </Alert>
    );
  }
  return <Alert tone="error">{errorMessage(error, t)}</Alert>;
}
