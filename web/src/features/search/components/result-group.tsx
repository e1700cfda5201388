import { useId } from 'react';
import { Link } from 'react-router';
import { isSearchType, type SearchResult } from '@/api/schemas/search';
import { resultPath } from '@/components/search/result-link';
import { Snippet } from '@/components/search/snippet';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { SourcePlace } from '@/components/search/source-place';

/** One kind of result (products, courses, …) as a titled list. */
export function ResultGroupSection({ type, results }: { type: string; results: SearchResult[] }) {
  const { t, plural } = useI18n();
  const id = useId();
  const known = isSearchType(type);
  return (
    <section className="search-group" aria-labelledby={id}>
      <h2 id={id}>
        {known ? t(`search.group.${type}`) : type}{' '}
        <span className="muted search-group-count">{plural('search.count', results.length)}</span>
      </h2>
      <ol className="search-results">
        {results.map((result) => (
          <ResultItem
            key={`${result.id}:${result.lesson?.module ?? ''}.${result.lesson?.lesson ?? ''}:${result.section?.number ?? ''}`}
            result={result}
          />
        ))}
      </ol>
    </section>
  );
}

function ResultItem({ result }: { result: SearchResult }) {
  const { t } = useI18n();
  const path = resultPath(result);
  const by = result.matchedBy.map((retriever) =>
    retriever === 'keyword' || retriever === 'semantic' ? t(`search.matchedBy.${retriever}`) : retriever,
  );
  return (
    <li className="search-result">
      <h3 className="search-result-title">{path ? <Link to={path}>{result.title}</Link> : result.title}</h3>
      <SourcePlace source={result} />
      <Snippet snippet={result.snippet} />
      {by.length > 0 ? <p className="search-matched-by">{t('search.matchedBy', { how: by.join(' · ') })}</p> : null}
    </li>
  );
}
