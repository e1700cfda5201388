import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { approvalRequest, APPROVER_ID } from '@/testing/fixtures';
import { fakeFetch, json, USER } from '@/testing/http';
import { renderWithRealtime } from '@/testing/render';
import { ApprovalsPage } from './approvals-page';

/** An approver signed in; every listing answers one pending request. Returns the recorded calls. */
function signedInApprover() {
  void session.establish({ accessToken: 'approver-token', refreshToken: 'approver-refresh' });
  const { fetch, calls } = fakeFetch((call) =>
    call.url.startsWith('/api/auth/me')
      ? json(200, { ...USER, id: APPROVER_ID, roles: ['customer', 'approver'] })
      : json(200, { items: [approvalRequest()], page: 0, size: 20, total: 1 }),
  );
  vi.stubGlobal('fetch', fetch);
  return calls;
}

function listingQuery(calls: ReturnType<typeof signedInApprover>) {
  return new URL(calls.find((call) => call.url.startsWith('/api/approvals'))!.url, 'http://localhost').searchParams;
}

describe('the approvals page', () => {
  it('asks for the inbox as pending requests assigned to me', async () => {
    const calls = signedInApprover();
    renderWithRealtime(<ApprovalsPage />, { path: '/approvals' });

    expect(await screen.findByTestId(`approval-${approvalRequest().id}`)).toBeVisible();
    const query = listingQuery(calls);
    expect(query.get('status')).toBe('pending');
    expect(query.get('assignedToMe')).toBe('true');
    expect(query.has('askedMe')).toBe(false);
  });

  it('finds every request that asked me under "Asked me", also a pending one I already decided', async () => {
    const calls = signedInApprover();
    renderWithRealtime(<ApprovalsPage />, { path: '/approvals?view=asked&status=pending' });

    expect(await screen.findByTestId(`approval-${approvalRequest().id}`)).toBeVisible();
    const query = listingQuery(calls);
    expect(query.get('status')).toBe('pending');
    expect(query.get('askedMe')).toBe('true');
    expect(query.has('assignedToMe')).toBe(false);
  });
});
