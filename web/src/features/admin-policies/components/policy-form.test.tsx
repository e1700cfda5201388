import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { session } from '@/lib/auth/session';
import { fakeFetch, json, problem } from '@/testing/http';
import { renderWithProviders } from '@/testing/render';
import type { Policy, PolicyInput } from '../api/types';
import { EditPolicyPage } from './edit-policy-page';
import { PolicyForm } from './policy-form';
import { emptyPolicy, formPathOf, policyFormSchema, policyInputOf } from './policy-form-schema';

const POLICY: Policy = {
  id: '7d1c0c52-1f0e-4d6a-9a57-3b2f4c5d6e7f',
  name: 'Large courses',
  active: true,
  priority: 10,
  appliesTo: { resourceType: 'order', minAmount: '2000.00', currency: 'USD', categories: ['ai_course_generation'] },
  stages: [
    {
      name: 'Team lead',
      approverRole: 'approver',
      approverIds: [],
      mode: 'any',
      timeoutHours: 24,
      onTimeout: 'escalate',
      minAmount: null,
    },
    {
      name: 'Finance',
      approverRole: 'admin',
      approverIds: [],
      mode: 'all',
      timeoutHours: null,
      onTimeout: 'reject',
      minAmount: '5000.00',
    },
  ],
  version: 3,
  createdAt: '2026-11-26T07:00:00Z',
  updatedAt: '2026-11-26T07:00:00Z',
};

function renderForm() {
  void session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' });
  const { fetch } = fakeFetch(() => json(200, { items: [], page: 0, size: 8, total: 0 }));
  vi.stubGlobal('fetch', fetch);
  const onSave = vi.fn<(input: PolicyInput) => Promise<unknown>>(async () => undefined);
  renderWithProviders(<PolicyForm defaultValues={emptyPolicy()} submitLabel="Create policy" onSave={onSave} />);
  return { onSave, user: userEvent.setup() };
}

function stage(number: number) {
  return screen.getByRole('group', { name: `Stage ${number}` });
}

describe('the policy rules (equal to the server)', () => {
  const valid = () => ({ ...emptyPolicy(), name: 'Policy', stages: [{ ...emptyPolicy().stages[0]!, name: 'Stage' }] });
  const messages = (values: unknown) =>
    policyFormSchema.safeParse(values).error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`) ?? [];

  it('accepts a minimal policy', () => {
    expect(messages(valid())).toEqual([]);
  });

  it('checks names, priority, amounts, currency, timeouts and approvers', () => {
    const values = valid();
    values.name = ' '.repeat(3);
    values.priority = '1001';
    values.appliesTo = { minAmount: '10.123', currency: 'BHD', categories: [] };
    values.stages = [
      {
        ...values.stages[0]!,
        name: 'x'.repeat(101),
        timeoutHours: '8761',
        minAmount: '100000000',
        approverKind: 'users',
        approverIds: [],
      },
    ];
    expect(messages(values)).toEqual([
      'appliesTo.minAmount: policies.validation.amountFormat',
      'stages.0.minAmount: policies.validation.amountTooLarge',
      'stages.0.name: policies.validation.stageNameRequired',
      'stages.0.approverIds: policies.validation.usersRequired',
      'stages.0.timeoutHours: policies.validation.timeoutRange',
      'name: policies.validation.nameRequired',
      'priority: policies.validation.priorityRange',
      'appliesTo.currency: policies.validation.currencyFormat',
    ]);
  });

  it('allows 1 to 10 stages', () => {
    const values = valid();
    expect(messages({ ...values, stages: [] })).toEqual(['stages: policies.validation.stagesCount']);
    expect(messages({ ...values, stages: Array.from({ length: 11 }, () => values.stages[0]) })).toEqual([
      'stages: policies.validation.stagesCount',
    ]);
    expect(messages({ ...values, stages: Array.from({ length: 10 }, () => values.stages[0]) })).toEqual([]);
  });

  it('sends a full policy: defaults for empty fields, the currency in capitals, role or users', () => {
    const values = valid();
    values.appliesTo = { minAmount: '', currency: 'jpy', categories: ['technical_support'] };
    values.stages.push({
      ...values.stages[0]!,
      name: ' Named ',
      approverKind: 'users',
      approverIds: ['u1', 'u1', 'u2'],
      timeoutHours: '12',
    });
    expect(policyInputOf(values)).toEqual({
      name: 'Policy',
      active: true,
      priority: 0,
      appliesTo: { resourceType: 'order', minAmount: '0', currency: 'JPY', categories: ['technical_support'] },
      stages: [
        {
          name: 'Stage',
          approverRole: 'approver',
          approverIds: [],
          mode: 'any',
          timeoutHours: null,
          onTimeout: 'escalate',
          minAmount: null,
        },
        {
          name: 'Named',
          approverRole: null,
          approverIds: ['u1', 'u2'],
          mode: 'any',
          timeoutHours: 12,
          onTimeout: 'escalate',
          minAmount: null,
        },
      ],
    });
  });

  it('places the server’s field paths on the form’s fields', () => {
    expect(formPathOf('stages[0].name')).toBe('stages.0.name');
    expect(formPathOf('stages[2]')).toBe('stages.2.approverKind');
    expect(formPathOf('stages[1].approverIds[3]')).toBe('stages.1.approverIds');
    expect(formPathOf('appliesTo.categories[0]')).toBe('appliesTo.categories');
    expect(formPathOf('appliesTo.currency')).toBe('appliesTo.currency');
    expect(formPathOf('stages')).toBe('stages.root');
    expect(formPathOf('appliesTo.resourceType')).toBeNull();
  });
});

describe('the policy form', () => {
  it('shows every broken field inline and sends nothing', async () => {
    const { onSave, user } = renderForm();
    await user.clear(screen.getByLabelText('Minimum order total'));
    await user.type(screen.getByLabelText('Minimum order total'), '12.345');
    await user.type(screen.getByLabelText('Currency'), 'XX');
    await user.click(within(stage(1)).getByRole('radio', { name: 'Chosen users' }));
    await user.type(within(stage(1)).getByLabelText('Timeout in hours'), '0');
    await user.click(screen.getByRole('button', { name: 'Create policy' }));

    expect(await screen.findByText('Enter a name of 1 to 200 characters.')).toBeVisible();
    expect(screen.getByText('Enter an amount like 1000 or 1000.00 (at most 2 decimals).')).toBeVisible();
    expect(screen.getByText('Enter an ISO 4217 code with at most 2 minor units, like USD or JPY.')).toBeVisible();
    expect(within(stage(1)).getByText('Enter a stage name of 1 to 100 characters.')).toBeVisible();
    expect(within(stage(1)).getByText('Choose at least one user.')).toBeVisible();
    expect(within(stage(1)).getByText('Enter whole hours from 1 to 8760, or leave it empty.')).toBeVisible();
    expect(screen.getByLabelText('Name')).toHaveFocus();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('adds, moves and removes stages, and sends them in their order', async () => {
    const { onSave, user } = renderForm();
    await user.type(screen.getByLabelText('Name'), 'Big orders');
    await user.type(within(stage(1)).getByLabelText('Stage name'), 'First');
    await user.click(screen.getByRole('button', { name: 'Add a stage' }));
    expect(within(stage(2)).getByLabelText('Stage name')).toHaveFocus();
    await user.type(within(stage(2)).getByLabelText('Stage name'), 'Second');
    await user.selectOptions(within(stage(2)).getByLabelText('Approver role'), 'admin');
    await user.click(screen.getByRole('button', { name: 'Add a stage' }));
    await user.type(within(stage(3)).getByLabelText('Stage name'), 'Third');

    await user.click(screen.getByRole('button', { name: 'Move up: stage 2' }));
    expect(within(stage(1)).getByLabelText('Stage name')).toHaveValue('Second');
    await vi.waitFor(() => expect(screen.getByRole('button', { name: 'Move down: stage 1' })).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Move up: stage 1' })).toBeDisabled();
    // Every stage keeps its approver choice visibly checked while the stages move.
    for (const number of [1, 2, 3]) {
      expect(within(stage(number)).getByRole('radio', { name: 'Everyone with a role' })).toBeChecked();
    }
    await user.click(screen.getByRole('button', { name: 'Remove stage 3' }));
    expect(screen.queryByRole('group', { name: 'Stage 3' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Create policy' }));
    await vi.waitFor(() => expect(onSave).toHaveBeenCalledTimes(1));
    const sent = onSave.mock.calls[0]![0];
    expect(sent.stages.map((s) => [s.name, s.approverRole])).toEqual([
      ['Second', 'admin'],
      ['First', 'approver'],
    ]);
    expect(sent.appliesTo).toEqual({ resourceType: 'order', minAmount: '1000.00', currency: null, categories: [] });
  });

  it('puts the server’s field errors on the fields', async () => {
    const { onSave, user } = renderForm();
    onSave.mockRejectedValueOnce(
      await (async () => {
        const { problemFromResponse } = await import('@/lib/problem');
        return problemFromResponse(
          problem(400, 'validation_failed', 'The request has invalid fields', {
            errors: [
              { field: 'stages[0].name', message: 'is required, 1 to 100 characters' },
              { field: 'appliesTo.currency', message: 'must be an ISO 4217 currency code with at most 2 minor units, like USD' },
            ],
          }),
        );
      })(),
    );
    await user.type(screen.getByLabelText('Name'), 'Policy');
    await user.type(within(stage(1)).getByLabelText('Stage name'), 'Stage');
    await user.click(screen.getByRole('button', { name: 'Create policy' }));

    expect(await within(stage(1)).findByText('is required, 1 to 100 characters')).toBeVisible();
    expect(screen.getByText('must be an ISO 4217 currency code with at most 2 minor units, like USD')).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent('Some fields need attention');
  });
});

describe('editing a policy', () => {
  it('sends the version read as If-Match and explains a version conflict with a reload', async () => {
    await session.establish({ accessToken: 'admin-token', refreshToken: 'admin-refresh' });
    let reads = 0;
    const { fetch, calls } = fakeFetch((call) => {
      if (call.method === 'PUT') {
        return problem(409, 'version_conflict', 'The policy was changed since version 3', { currentVersion: 4 });
      }
      reads += 1;
      return json(200, reads === 1 ? POLICY : { ...POLICY, name: 'Renamed by someone else', version: 4 });
    });
    vi.stubGlobal('fetch', fetch);
    renderWithProviders(
      <Routes>
        <Route path="/admin/policies/:policyId" element={<EditPolicyPage />} />
      </Routes>,
      { path: `/admin/policies/${POLICY.id}` },
    );
    const user = userEvent.setup();

    const name = await screen.findByLabelText('Name');
    expect(name).toHaveValue('Large courses');
    expect(within(stage(2)).getByLabelText('Stage minimum total')).toHaveValue('5000.00');
    await user.type(name, ' (edited)');
    await user.click(screen.getByRole('button', { name: 'Save policy' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone else changed this policy meanwhile');
    expect(alert).toHaveTextContent('It is at version 4 now; your edits were based on version 3');
    const put = calls.find((call) => call.method === 'PUT');
    expect(put?.headers['if-match']).toBe('"3"');
    expect(put?.body).toMatchObject({ name: 'Large courses (edited)', priority: 10 });

    await user.click(within(alert).getByRole('button', { name: 'Reload the latest version' }));
    await vi.waitFor(() => expect(screen.getByLabelText('Name')).toHaveValue('Renamed by someone else'));
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
