import { useId, useRef, useState, type FormEvent } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { QUESTION_MAX, useAsk } from '../api/ask';
import { AnswerView } from './answer-view';

/** A question to the library (and everything else the asker may find), answered with cited passages. */
export function AskForm() {
  const { t } = useI18n();
  const id = useId();
  const field = useRef<HTMLTextAreaElement>(null);
  const [question, setQuestion] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const asking = useAsk();

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = question.trim();
    if (trimmed === '') {
      setProblem(t('library.ask.error.empty'));
      field.current?.focus();
      return;
    }
    setProblem(null);
    asking.mutate(trimmed, {
      onError: (error) => {
        if (isApiError(error) && error.status === 400) {
          setProblem(error.fieldMessage('question') ?? error.message);
          field.current?.focus();
        }
      },
    });
  }

  const failed = asking.isError && !(isApiError(asking.error) && asking.error.status === 400);
  return (
    <section className="card library-ask" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('library.ask.title')}</h2>
      <form onSubmit={submit} noValidate>
        <div className={problem ? 'field field-invalid' : 'field'}>
          <label htmlFor={`${id}-question`}>{t('library.ask.question')}</label>
          <textarea
            ref={field}
            id={`${id}-question`}
            rows={3}
            maxLength={QUESTION_MAX}
            value={question}
            aria-invalid={problem ? true : undefined}
            aria-describedby={[`${id}-hint`, problem ? `${id}-error` : null].filter(Boolean).join(' ')}
            onChange={(event) => setQuestion(event.target.value)}
          />
          <p id={`${id}-hint`} className="field-hint">
            {t('library.ask.hint')}
          </p>
          {problem ? (
            <p id={`${id}-error`} className="field-error" role="alert">
              {problem}
            </p>
          ) : null}
        </div>
        <Button type="submit" busy={asking.isPending}>
          {t('library.ask.submit')}
        </Button>
      </form>
      {failed ? <Alert tone="error">{errorMessage(asking.error, t)}</Alert> : null}
      {asking.data && !asking.isPending ? <AnswerView answer={asking.data} /> : null}
    </section>
  );
}
