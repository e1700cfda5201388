import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Locale } from '@/lib/i18n/catalogue';
import { renderWithProviders } from '@/testing/render';
import type { TimelineEntry } from '../types';
import { OrderTimeline } from './order-timeline';

const JOB = '1f8b0000-0000-4000-8000-000000000009';
const PAYMENT = '10287097-0000-4000-8000-000000000008';

const entries: TimelineEntry[] = [
  {
    status: 'pending',
    at: '2026-11-26T07:00:00Z',
    actor: { type: 'user', id: 'u1', name: 'Ken Customer' },
    note: 'Order placed',
    kind: 'order_placed',
    params: {},
  },
  {
    status: 'awaiting_payment',
    at: '2026-11-26T07:05:00Z',
    actor: { type: 'user', id: 'u2', name: 'Rita Reviewer' },
    note: "Approved by Ann Approver, Rita Reviewer (2 stages of 'Default order approval')",
    kind: 'approved',
    params: { approvers: ['Ann Approver', 'Rita Reviewer'], stages: 2, policyName: 'Default order approval' },
  },
  {
    status: 'paid',
    at: '2026-11-26T07:10:00Z',
    actor: { type: 'agent', id: '204', name: 'PaymentProcessorAgent' },
    note: `Paid 2500.00 USD by card (payment ${PAYMENT})`,
    kind: 'paid',
    params: { amount: { amount: '2500.00', currency: 'USD' }, paymentId: PAYMENT, method: 'card' },
  },
  {
    status: 'fulfilling',
    at: '2026-11-26T07:11:00Z',
    actor: { type: 'agent', id: '201', name: 'CourseGeneratorAgent' },
    note: `Queued AI job ${JOB}`,
    kind: 'ai_job_queued',
    params: { jobId: JOB },
  },
  {
    status: 'completed',
    at: '2026-11-26T07:30:00Z',
    actor: { type: 'agent', id: '203', name: 'ContentSearchAgent' },
    note: 'Search access until 2026-12-26T07:30:00Z',
    kind: 'search_access_granted',
    params: { until: '2026-12-26T07:30:00Z' },
  },
];

function renderTimeline(locale: Locale, shown: TimelineEntry[] = entries) {
  renderWithProviders(<OrderTimeline entries={shown} />, { locale });
  return screen.getByTestId('order-timeline');
}

function entryOf(timeline: HTMLElement, kind: string): HTMLElement {
  return timeline.querySelector<HTMLElement>(`[data-kind="${kind}"]`)!;
}

describe('the order timeline', () => {
  it('words each step from its data in English, ids behind links, amounts and dates for the locale', () => {
    const timeline = renderTimeline('en');

    expect(entryOf(timeline, 'order_placed')).toHaveTextContent('Order placed.');
    expect(entryOf(timeline, 'approved')).toHaveTextContent('Approved by Ann Approver and Rita Reviewer.');
    const paid = entryOf(timeline, 'paid');
    expect(paid).toHaveTextContent('Paid $2,500.00 by card.');
    expect(within(paid).getByRole('link', { name: 'Payment details' })).toHaveAttribute('href', `#payment-${PAYMENT}`);
    const queued = entryOf(timeline, 'ai_job_queued');
    expect(queued).toHaveTextContent('Generation started.');
    expect(within(queued).getByRole('link', { name: 'Follow the generation' })).toHaveAttribute('href', `/studio/jobs/${JOB}`);
    expect(entryOf(timeline, 'search_access_granted')).toHaveTextContent(/^Search access until Dec \d+, 2026, \d+:30 [AP]M\.$/);
    // No internal ids, raw amounts or ISO timestamps reach the reader.
    expect(timeline).not.toHaveTextContent(JOB);
    expect(timeline).not.toHaveTextContent(PAYMENT);
    expect(timeline).not.toHaveTextContent('2500.00 USD');
    expect(timeline).not.toHaveTextContent('T07:30:00Z');
  });

  it('words the same steps in Japanese', () => {
    const timeline = renderTimeline('ja');

    expect(entryOf(timeline, 'order_placed')).toHaveTextContent('ご注文を受け付けました。');
    expect(entryOf(timeline, 'approved')).toHaveTextContent('Ann Approver、Rita Reviewer さんが承認しました。');
    expect(entryOf(timeline, 'paid')).toHaveTextContent('$2,500.00 をカードでお支払いいただきました。');
    expect(within(entryOf(timeline, 'ai_job_queued')).getByRole('link', { name: '生成の進み具合を見る' })).toBeVisible();
    expect(entryOf(timeline, 'search_access_granted')).toHaveTextContent(
      /^2026\/12\/2\d \d+:30 まで検索サービスをご利用いただけます。$/,
    );
    expect(timeline).not.toHaveTextContent('Queued AI job');
    expect(timeline).not.toHaveTextContent('Paid 2500.00');
  });

  it('quotes what a person wrote as written', () => {
    const timeline = renderTimeline('ja', [
      {
        status: 'awaiting_approval',
        at: '2026-11-26T07:05:00Z',
        actor: { type: 'user', id: 'u2', name: 'Ann Approver' },
        note: 'Changes requested by Ann Approver: Fewer hours please',
        kind: 'changes_requested',
        params: { approver: 'Ann Approver', comment: 'Fewer hours please' },
      },
    ]);

    const entry = entryOf(timeline, 'changes_requested');
    expect(entry).toHaveTextContent('Ann Approver さんが修正を依頼しました。');
    expect(entry.querySelector('blockquote')).toHaveTextContent('Fewer hours please');
  });

  it('shows the note of an entry recorded before kinds existed, or of a kind it does not know', () => {
    renderTimeline('ja', [
      {
        status: 'pending',
        at: '2026-11-26T07:00:00Z',
        actor: { type: 'system', id: null, name: 'system' },
        note: 'Order placed',
      },
      {
        status: 'fulfilling',
        at: '2026-11-26T07:01:00Z',
        actor: { type: 'system', id: null, name: 'system' },
        note: 'Something new happened',
        kind: 'something_new',
        params: {},
      },
    ]);

    expect(screen.getByText('Order placed')).toBeVisible();
    expect(screen.getByText('Something new happened')).toBeVisible();
  });
});
