import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';
import { APPROVER_ID, approvalRequest, approvedRequest } from '@/testing/fixtures';
import { fakeFetch, json, problem, USER } from '@/testing/http';
import { renderWithRealtime } from '@/testing/render';
import { ApprovalDetailPage } from './approval-detail-page';

function decidedEvent(comment: string): RealtimeEvent {
  const { resourceType, resourceId, ...rest } = approvedRequest(comment);
  return {
    type: 'approval.decided',
    eventId: 7,
    resourceType: 'approval',
    resourceId: rest.id,
    payload: { ...rest, eventId: 7, resourceType: 'approval', resourceId: rest.id, subject: { resourceType, resourceId } },
  };
}

function renderPage(answer: (method: string, url: string) => Response) {
  void session.establish({ accessToken: 'approver-token', refreshToken: 'approver-refresh' });
  const { fetch, calls } = fakeFetch((call) =>
    call.url === '/api/auth/me'
      ? json(200, { ...USER, id: APPROVER_ID, name: 'Aki Approver', roles: ['customer', 'approver'] })
      : answer(call.method, call.url),
  );
  vi.stubGlobal('fetch', fetch);
  const id = approvalRequest().id;
  const { realtime } = renderWithRealtime(
    <Routes>
      <Route path="/approvals/:approvalId" element={<ApprovalDetailPage />} />
    </Routes>,
    { path: `/approvals/${id}` },
  );
  return { calls, realtime, user: userEvent.setup() };
}

describe('the approval request page', () => {
  it('shows the request, its stage and audit trail, and the decision form to an approver of the stage', async () => {
    const { realtime } = renderPage(() => json(200, approvalRequest()));
    expect(await screen.findByRole('heading', { name: 'Your decision' })).toBeVisible();
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(summary).toHaveTextContent('$2,500.00');
    expect(summary).toHaveTextContent('Ken Customer');
    expect(within(summary).getByRole('link', { name: 'Data analysis course' })).toHaveAttribute(
      'href',
      '/catalog/b0000000-0000-4000-8000-000000000003',
    );
    expect(within(summary).getByRole('link', { name: 'ken@example.com' })).toBeVisible();
    expect(within(summary).getByRole('region', { name: 'What the customer asked for' })).toHaveTextContent(
      'TopicData analysis for sales teams',
    );
    expect(within(summary).queryByRole('link', { name: /Open order/ })).toBeNull();
    expect(summary).toHaveTextContent('1 of 1: Approver review');
    const stages = screen.getByRole('region', { name: 'Stages' });
    expect(stages).toHaveTextContent('Everyone with the role Approver · 1 person asked (including you)');
    expect(stages).toHaveTextContent('after 48 h: escalate to the admins');
    expect(screen.getByRole('region', { name: 'Audit trail' })).toHaveTextContent('ApprovalWorkflowAgent (205) · Opened');
    expect(realtime.topics).toContain('approvals');
  });

  it('shows a decision made elsewhere as soon as its event arrives', async () => {
    const { realtime } = renderPage(() => json(200, approvalRequest()));
    await screen.findByRole('heading', { name: 'Your decision' });

    realtime.emit(decidedEvent('Approved by a colleague'));

    expect(await screen.findByText('This request is closed: Approved.')).toBeVisible();
    expect(screen.queryByRole('heading', { name: 'Your decision' })).toBeNull();
    expect(screen.getByRole('region', { name: 'Stages' })).toHaveTextContent('Approved by a colleague');
  });

  it('explains a decision refused as already decided, and shows the current state', async () => {
    let reads = 0;
    const { user } = renderPage((method) => {
      if (method === 'POST') {
        return problem(409, 'already_decided', 'You already decided');
      }
      reads += 1;
      return json(200, reads === 1 ? approvalRequest() : approvedRequest('Decided in another tab'));
    });
    await user.click(await screen.findByRole('button', { name: 'Approve' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'You have already decided in this stage. The page shows the current state.',
    );
    expect(await screen.findByText('This request is closed: Approved.')).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'Stages' })).getByText('Decided in another tab')).toBeVisible();
  });
});
