import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { approvalRequest, approvedRequest } from '@/testing/fixtures';
import { fakeFetch, json, problem } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import { decisionInputSchema } from '../api/decide';
import { DecisionForm } from './decision-form';

const ID = approvalRequest().id;

function setup(answer: (body: unknown) => Response) {
  void session.establish({ accessToken: 'approver-token', refreshToken: 'approver-refresh' });
  const { fetch, calls } = fakeFetch((call) => answer(call.body));
  vi.stubGlobal('fetch', fetch);
  const onDecided = vi.fn();
  renderWithProviders(<DecisionForm approvalId={ID} onDecided={onDecided} />);
  return { calls, onDecided, user: userEvent.setup() };
}

describe('the decision rules (equal to the server)', () => {
  it('accepts an approval without a comment', () => {
    expect(decisionInputSchema.safeParse({ decision: 'approve', comment: '' }).success).toBe(true);
  });

  it('requires a comment that is not only blanks to reject or to request changes', () => {
    const reject = decisionInputSchema.safeParse({ decision: 'reject', comment: '   ' });
    const changes = decisionInputSchema.safeParse({ decision: 'request_changes', comment: '' });
    expect(reject.error?.issues[0]).toMatchObject({ path: ['comment'], message: 'approvals.decide.commentRequiredReject' });
    expect(changes.error?.issues[0]).toMatchObject({ path: ['comment'], message: 'approvals.decide.commentRequiredChanges' });
  });

  it('counts at most 2000 characters once trimmed, for every decision', () => {
    expect(decisionInputSchema.safeParse({ decision: 'reject', comment: ` ${'x'.repeat(2000)} ` }).success).toBe(true);
    const long = decisionInputSchema.safeParse({ decision: 'approve', comment: 'x'.repeat(2001) });
    expect(long.error?.issues[0]).toMatchObject({ path: ['comment'], message: 'approvals.decide.commentTooLong' });
  });
});

describe('the decision form', () => {
  it('refuses to reject without a comment before asking the server, then approves with one', async () => {
    const { calls, onDecided, user } = setup(() => json(200, approvedRequest('Budget confirmed')));

    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(await screen.findByText('Write a comment that says why you reject the request.')).toBeVisible();
    const comment = screen.getByRole('textbox', { name: 'Comment' });
    expect(comment).toHaveAttribute('aria-invalid', 'true');
    expect(comment).toHaveFocus();
    expect(calls).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Request changes' }));
    expect(await screen.findByText('Write a comment that says which changes you need.')).toBeVisible();
    expect(calls).toHaveLength(0);

    await user.type(comment, '  Budget confirmed  ');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    await vi.waitFor(() => expect(onDecided).toHaveBeenCalledWith('approve'));
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      method: 'POST',
      url: `/api/approvals/${ID}/decisions`,
      body: { decision: 'approve', comment: 'Budget confirmed' },
    });
    expect(calls[0]?.headers.authorization).toBe('Bearer approver-token');
  });

  it('shows a comment over 2000 characters as an error at the field and counts it', async () => {
    const { calls, user } = setup(() => json(200, approvedRequest('')));
    const comment = screen.getByRole('textbox', { name: 'Comment' });
    await user.click(comment);
    await user.paste('y'.repeat(2001));
    expect(screen.getByText('2,001 / 2000')).toBeVisible();
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByText('The comment can have at most 2000 characters.')).toBeVisible();
    expect(calls).toHaveLength(0);
  });

  it.each([
    [403, 'self_approval_forbidden', 'You asked for this approval yourself, so someone else must decide it.'],
    [409, 'already_decided', 'You have already decided in this stage. The page shows the current state.'],
    [
      409,
      'invalid_state',
      'This request no longer waits for a decision: it was decided, expired or cancelled meanwhile. The page shows its current state.',
    ],
    [403, 'forbidden', 'You are not an approver of the current stage (or no longer hold its role).'],
  ])('explains a %i %s in words', async (status, code, text) => {
    const { onDecided, user } = setup(() => problem(status, code, 'server words'));
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'Looks fine');
    await user.click(screen.getByRole('button', { name: 'Approve' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(text);
    expect(onDecided).not.toHaveBeenCalled();
  });

  it('puts the server’s comment error on the field', async () => {
    const { user } = setup(() =>
      problem(400, 'validation_failed', 'The request has invalid fields', {
        errors: [{ field: 'comment', message: 'is required to reject' }],
      }),
    );
    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'x');
    await user.click(screen.getByRole('button', { name: 'Reject' }));
    expect(await screen.findByText('is required to reject')).toBeVisible();
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
