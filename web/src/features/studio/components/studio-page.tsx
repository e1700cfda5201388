import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { z } from 'zod';
import { useJobs } from '@/api/jobs';
import { GenerationRequestForm } from '@/components/generation-request/generation-request-form';
import { GENERATION_KINDS, type GenerationInput, type GenerationKind } from '@/components/generation-request/schema';
import { Alert } from '@/components/ui/alert';
import { EmptyState } from '@/components/ui/empty-state';
import { Page } from '@/components/ui/page';
import { Pagination } from '@/components/ui/pagination';
import { Spinner } from '@/components/ui/spinner';
import { hasRole } from '@/lib/auth/user';
import { useUser } from '@/lib/auth/get-me';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { pageParam } from '@/lib/page';
import { isApiError } from '@/lib/problem';
import { budgetKeys, useBudget } from '../api/get-budget';
import { useCreateJob } from '../api/job-actions';
import { useJobEvents } from '../api/job-events';
import type { Job } from '../types';
import { AllowanceMeter } from './allowance-meter';
import { jobTitle } from './job-labels';
import { JobList } from './job-list';
import { OrderInstead } from './order-instead';

const PAGE_SIZE = 10;

const tokenBudgetSchema = z.object({
  limit: z.number(),
  used: z.number(),
  remaining: z.number(),
  requested: z.number(),
  resetsAt: z.string(),
});

/**
 * The AI studio: start a course or document job, and follow one's jobs live. It is a trial of the paid
 * products: jobs spend a small monthly allowance (shown above the form), and a request it has no room
 * for is offered as an order of the matching product, with the same input.
 */
export function StudioPage() {
  const { t, plural } = useI18n();
  const [params, setParams] = useSearchParams();
  const page = pageParam(params.get('page'));
  const [kind, setKind] = useState<GenerationKind>('course');
  const [started, setStarted] = useState<Job | null>(null);
  const [formKey, setFormKey] = useState(0);
  const kindId = useId();
  const user = useUser();
  const jobs = useJobs({ page, size: PAGE_SIZE });
  const createJob = useCreateJob();
  const budget = useBudget();
  const queryClient = useQueryClient();
  const [refused, setRefused] = useState<{ kind: GenerationKind; input: GenerationInput } | null>(null);
  const { number, date } = useI18n();
  useJobEvents();

  function describeError(error: unknown) {
    if (!isApiError(error) || error.code !== 'budget_exceeded') return null;
    const budget = tokenBudgetSchema.safeParse(error.body.tokenBudget);
    if (!budget.success) return t('studio.start.budgetExceeded');
    return (
      <>
        <p className="alert-title">{t('studio.start.budgetExceeded')}</p>
        <p>
          {t('studio.start.budgetDetail', {
            requested: number(budget.data.requested),
            remaining: number(budget.data.remaining),
            limit: number(budget.data.limit),
            resetsAt: date(budget.data.resetsAt),
          })}
        </p>
      </>
    );
  }

  const data = jobs.data;
  return (
    <Page title={t('studio.title')}>
      <p className="lead">{t('studio.lead')}</p>
      <div className="studio-layout">
        <section className="card studio-start" aria-labelledby={`${kindId}-start`}>
          <h2 id={`${kindId}-start`}>{t('studio.start.title')}</h2>
          <fieldset className="studio-kind">
            <legend>{t('studio.start.kind')}</legend>
            {GENERATION_KINDS.map((value) => (
              <label key={value} className="studio-kind-option">
                <input
                  type="radio"
                  name={`${kindId}-kind`}
                  value={value}
                  checked={kind === value}
                  onChange={() => {
                    setKind(value);
                    setStarted(null);
                    setRefused(null);
                  }}
                />
                <span>
                  <span className="studio-kind-name">{t(`studio.type.${value}`)}</span>
                  <span className="studio-kind-hint">{t(`studio.start.kindHint.${value}`)}</span>
                </span>
              </label>
            ))}
          </fieldset>
          {budget.data ? <AllowanceMeter budget={budget.data} /> : null}
          {started ? (
            <Alert tone="success" title={t('studio.start.started')}>
              <Link to={`/studio/jobs/${started.id}`}>{t('studio.start.open', { title: jobTitle(started, t) })}</Link>
            </Alert>
          ) : null}
          {refused && refused.kind === kind ? <OrderInstead kind={refused.kind} input={refused.input} /> : null}
          <GenerationRequestForm
            key={`${kind}-${formKey}`}
            kind={kind}
            submitLabel={t('studio.start.submit')}
            describeError={describeError}
            onSubmit={async (input) => {
              setStarted(null);
              setRefused(null);
              let job: Job;
              try {
                job = await createJob.mutateAsync({ kind, input });
              } catch (error) {
                if (isApiError(error) && error.code === 'budget_exceeded') {
                  setRefused({ kind, input });
                  void queryClient.invalidateQueries({ queryKey: budgetKeys.all });
                }
                throw error;
              }
              void queryClient.invalidateQueries({ queryKey: budgetKeys.all });
              setStarted(job);
              setFormKey((key) => key + 1);
              if (page !== 0) setParams({}, { replace: true });
            }}
          />
        </section>

        <section className="studio-jobs" aria-labelledby={`${kindId}-jobs`}>
          <h2 id={`${kindId}-jobs`}>{hasRole(user.data, 'admin') ? t('studio.jobs.allTitle') : t('studio.jobs.title')}</h2>
          {jobs.isPending ? <Spinner label={t('common.loading')} /> : null}
          {jobs.isError ? <Alert tone="error">{errorMessage(jobs.error, t)}</Alert> : null}
          {data && data.total === 0 ? <EmptyState title={t('studio.jobs.none')}>{t('studio.jobs.noneHint')}</EmptyState> : null}
          {data && data.items.length > 0 ? (
            <>
              <p className="result-count">{plural('studio.jobs.count', data.total)}</p>
              <JobList jobs={data.items} />
              <Pagination
                page={data.page}
                size={data.size}
                total={data.total}
                onPage={(next) => setParams(next > 0 ? { page: String(next) } : {}, { replace: true })}
              />
            </>
          ) : null}
        </section>
      </div>
    </Page>
  );
}
