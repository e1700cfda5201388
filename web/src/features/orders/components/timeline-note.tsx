import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isTimelineKind, type TimelineKind } from '@/api/schemas/order';
import { paymentMethodLabel } from '../payment-methods';
import type { TimelineEntry } from '../types';

const SENTENCES: Record<TimelineKind, MessageKey> = {
  order_placed: 'orders.timeline.kind.order_placed',
  approval_required: 'orders.timeline.kind.approval_required',
  no_approval_needed: 'orders.timeline.kind.no_approval_needed',
  changes_requested: 'orders.timeline.kind.changes_requested',
  input_revised: 'orders.timeline.kind.input_revised',
  approved: 'orders.timeline.kind.approved',
  rejected: 'orders.timeline.kind.rejected',
  approval_expired: 'orders.timeline.kind.approval_expired',
  paid: 'orders.timeline.kind.paid',
  ai_job_queued: 'orders.timeline.kind.ai_job_queued',
  ai_job_completed: 'orders.timeline.kind.ai_job_completed',
  ai_job_failed: 'orders.timeline.kind.ai_job_failed',
  ai_job_cancelled: 'orders.timeline.kind.ai_job_cancelled',
  no_generation_input: 'orders.timeline.kind.no_generation_input',
  search_access_granting: 'orders.timeline.kind.search_access_granting',
  search_access_granted: 'orders.timeline.kind.search_access_granted',
  search_access_failed: 'orders.timeline.kind.search_access_failed',
  assigned_to_staff: 'orders.timeline.kind.assigned_to_staff',
  taken_on_by_staff: 'orders.timeline.kind.taken_on_by_staff',
  completed_by_staff: 'orders.timeline.kind.completed_by_staff',
  cancelled: 'orders.timeline.kind.cancelled',
  captured_after_failure_refunded: 'orders.timeline.kind.captured_after_failure_refunded',
};

function text(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function isMoney(value: unknown): value is { amount: string; currency: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { amount?: unknown }).amount === 'string' &&
    typeof (value as { currency?: unknown }).currency === 'string'
  );
}

/** Free text someone wrote (a comment, a reason, a note), quoted as written. */
function Quote({ children }: { children: string | undefined }) {
  return children ? <blockquote className="timeline-quote">{children}</blockquote> : null;
}

/**
 * Why the order moved, in the reader's language: the entry's kind and params worded from the
 * catalogue (amounts, dates and name lists formatted for the locale, ids behind links). An entry
 * without a kind — recorded before kinds existed, or of a kind this client does not know — shows
 * its English note.
 */
export function TimelineNote({ entry }: { entry: TimelineEntry }) {
  const { t, locale, money, dateTime } = useI18n();
  const kind = entry.kind;
  if (!isTimelineKind(kind)) {
    return entry.note ? <p className="timeline-note">{entry.note}</p> : null;
  }
  const params = entry.params ?? {};
  const list = (value: unknown) =>
    Array.isArray(value) ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(value.map(String)) : '';
  const values: Record<string, string | number> = {
    policy: text(params, 'policyName') ?? '',
    stage: text(params, 'stageName') ?? '',
    approver: text(params, 'approver') ?? '',
    approvers: list(params.approvers),
    amount: isMoney(params.amount) ? money(params.amount) : '',
    method: paymentMethodLabel(text(params, 'method'), t) ?? '',
    until: text(params, 'until') ? dateTime(text(params, 'until')!) : '',
  };
  let extra: ReactNode = null;
  const jobId = text(params, 'jobId');
  switch (kind) {
    case 'changes_requested':
    case 'rejected':
      extra = <Quote>{text(params, 'comment')}</Quote>;
      break;
    case 'cancelled':
      extra = <Quote>{text(params, 'reason')}</Quote>;
      break;
    case 'completed_by_staff':
      extra = <Quote>{text(params, 'note')}</Quote>;
      break;
    case 'ai_job_failed':
    case 'search_access_failed':
      extra = text(params, 'error') ? (
        <details className="timeline-detail">
          <summary>{t('orders.timeline.errorDetail')}</summary>
          <p className="muted">{text(params, 'error')}</p>
        </details>
      ) : null;
      break;
    case 'paid':
    case 'captured_after_failure_refunded': {
      const paymentId = text(params, 'paymentId');
      extra = paymentId ? (
        <a className="timeline-link" href={`#payment-${paymentId}`}>
          {t('orders.timeline.paymentLink')}
        </a>
      ) : null;
      break;
    }
    case 'ai_job_queued':
    case 'ai_job_completed':
      extra = jobId ? (
        <Link className="timeline-link" to={`/studio/jobs/${jobId}`}>
          {t(kind === 'ai_job_completed' ? 'orders.timeline.jobResultLink' : 'orders.timeline.jobLink')}
        </Link>
      ) : null;
      break;
    default:
      break;
  }
  // A payment whose method the gateway did not name says only the amount.
  const sentence = kind === 'paid' && values.method === '' ? 'orders.timeline.paidAmount' : SENTENCES[kind];
  return (
    <div className="timeline-note" data-kind={kind}>
      <p>{t(sentence, values)}</p>
      {extra}
    </div>
  );
}
