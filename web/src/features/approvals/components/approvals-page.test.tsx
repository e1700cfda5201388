import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { approvalRequest, APPROVER_ID } from '@/testing/fixtures';
import { fakeFetch, json, USER } from '@/testing/http';
import { renderWithRealtime } from '@/testing/render';
import { ApprovalsPage } from './approvals-page';

/** An approver signed in; every listing answers one pending request. Returns the recorded calls. */
function signedInApprover(roles: string[] = ['customer', 'approver']) {
  void session.establish({ accessToken: 'approver-token', refreshToken: 'approver-refresh' });
  const { fetch, calls } = fakeFetch((call) =>
    call.url.startsWith('/api/auth/me')
      ? json(200, { ...USER, id: APPROVER_ID, roles })
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

  it('shows on each card what is asked: product, customer, the request itself, but no order link an approver cannot open', async () => {
    signedInApprover();
    renderWithRealtime(<ApprovalsPage />, { path: '/approvals' });

    const card = await screen.findByTestId(`approval-${approvalRequest().id}`);
    expect(within(card).getByRole('link', { name: 'Approval of Data analysis course, $2,500.00' })).toHaveAttribute(
      'href',
      `/approvals/${approvalRequest().id}`,
    );
    expect(within(card).getByRole('link', { name: 'Data analysis course' })).toHaveAttribute(
      'href',
      '/catalog/b0000000-0000-4000-8000-000000000003',
    );
    expect(card).toHaveTextContent('Ken Customer');
    expect(within(card).getByRole('link', { name: 'ken@example.com' })).toHaveAttribute('href', 'mailto:ken@example.com');
    const input = within(card).getByRole('region', { name: 'What the customer asked for' });
    expect(input).toHaveTextContent('Data analysis for sales teams');
    expect(input).toHaveTextContent('Sales managers');
    expect(
      within(input)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Read a dashboard', 'Clean a spreadsheet', 'Present a forecast']);
    expect(input).toHaveTextContent('Beginner');
    // In the order the request form asks, not the stored JSON's.
    expect([...input.querySelectorAll('dt')].map((term) => term.textContent)).toEqual([
      'Topic',
      'Target audience',
      'Level',
      'Estimated hours',
      'Learning objectives',
      'Format',
      'Language',
    ]);
    expect(input).toHaveTextContent('Japanese');
    expect(input).not.toHaveTextContent('{');
    expect(within(card).queryByRole('link', { name: /Open order/ })).toBeNull();
    expect(card).toHaveTextContent('c0ffee00');
  });

  it('links the order for an admin, and words the card in Japanese', async () => {
    signedInApprover(['customer', 'approver', 'admin']);
    renderWithRealtime(<ApprovalsPage />, { path: '/approvals', locale: 'ja' });

    const card = await screen.findByTestId(`approval-${approvalRequest().id}`);
    expect(within(card).getByRole('link', { name: '注文 c0ffee00 を開く' })).toHaveAttribute(
      'href',
      `/orders/${approvalRequest().resourceId}`,
    );
    const input = within(card).getByRole('region', { name: 'お客様の依頼内容' });
    expect(input).toHaveTextContent('日本語');
    expect(input).toHaveTextContent('Data analysis for sales teams');
    expect(card).toHaveTextContent('申請者');
  });
});
