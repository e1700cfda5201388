import { useId } from 'react';
import { Link } from 'react-router';
import { isSearchType, type SearchAnswer } from '@/api/schemas/search';
import { resultPath } from '@/components/search/result-link';
import { Snippet } from '@/components/search/snippet';
import { SourcePlace } from '@/components/search/source-place';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { splitAnswer } from './answer-text';

/** An answer with its `[n]` marks linked to the numbered list of the passages it cites, each linked to its page. */
export function AnswerView({ answer }: { answer: SearchAnswer }) {
  const { t, number } = useI18n();
  const id = useId();
  const cited = new Set(answer.citations.map((citation) => citation.n));
  const paragraphs = answer.answer.split(/\n\s*\n/).filter((paragraph) => paragraph.trim() !== '');
  return (
    <section className="card library-answer" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('library.ask.answer')}</h3>
      {paragraphs.map((paragraph, index) => (
        <p key={index} className="library-answer-text">
          {splitAnswer(paragraph, cited).map((part, at) =>
            'text' in part ? (
              <span key={at}>{part.text}</span>
            ) : (
              <a
                key={at}
                className="citation-ref"
                href={`#${id}-cite-${part.citation}`}
                aria-label={t('library.ask.citationRef', { n: part.citation })}
              >
                [{part.citation}]
              </a>
            ),
          )}
        </p>
      ))}
      {answer.citations.length > 0 ? (
        <>
          <h4>{t('library.ask.sources')}</h4>
          <ol className="citations">
            {answer.citations.map((citation) => {
              const path = resultPath(citation);
              return (
                <li key={citation.n} id={`${id}-cite-${citation.n}`} value={citation.n} tabIndex={-1}>
                  <p className="citation-title">
                    {path ? <Link to={path}>{citation.title}</Link> : citation.title}{' '}
                    <span className="muted">
                      {isSearchType(citation.type) ? t(`search.kind.${citation.type}`) : citation.type}
                    </span>
                  </p>
                  <SourcePlace source={citation} />
                  <Snippet snippet={citation.snippet} />
                </li>
              );
            })}
          </ol>
        </>
      ) : (
        <p className="muted">{t('library.ask.noSources')}</p>
      )}
      <p className="search-matched-by">
        {t('library.ask.generatedBy', {
          by: answer.generatedBy ? [answer.generatedBy.provider, answer.generatedBy.model].filter(Boolean).join(' · ') : '—',
          tokens: number(answer.tokenUsage.input + answer.tokenUsage.output),
        })}
      </p>
    </section>
  );
}
