import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { Policy } from '../api/types';
import { PolicyRow } from './policy-row';

const stage = { approverIds: [], mode: 'any', timeoutHours: null, onTimeout: 'escalate' } satisfies Partial<
  Policy['stages'][number]
>;
const policy: Policy = {
  id: '7d1c0c52-1f0e-4d6a-9a57-3b2f4c5d6e7f',
  name: 'Default order approval',
  active: true,
  priority: 0,
  appliesTo: { resourceType: 'order', minAmount: '1000.00', currency: 'USD', categories: [] },
  stages: [
    { ...stage, name: 'Approver review', approverRole: 'approver', minAmount: null },
    { ...stage, name: 'Admin review', approverRole: 'admin', minAmount: '10000.00' },
  ],
  version: 1,
  createdAt: '2026-11-26T07:00:00Z',
  updatedAt: '2026-11-26T07:00:00Z',
};

describe('a policy in the list', () => {
  it('shows the minimum total of a stage that joins only from a higher amount, in the policy’s currency', () => {
    renderWithProviders(
      <table>
        <tbody>
          <PolicyRow policy={policy} onDeleted={() => {}} />
        </tbody>
      </table>,
    );

    const stages = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(stages[0]).toBe('Approver review (Approver, Any)');
    expect(stages[1]).toMatch(/^Admin review \(Admin, .*\) from \$10,000\.00$/);
  });
});
