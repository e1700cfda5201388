import type { ApprovalRequest } from '@/api/schemas/approval';
import type { Job } from '@/api/schemas/job';
import type { Product } from '@/api/schemas/product';

/** The server's records as the API renders them (JSON), for tests of every feature; overrides change fields. */

export const PRODUCT_ID = '0b6a3c9e-1d2f-4a5b-8c7d-9e0f1a2b3c4d';

/** An active AI course product. */
export function aProduct(overrides: Partial<Product> = {}): Product {
  return {
    id: PRODUCT_ID,
    name: 'AI Course: Enterprise Cloud Architecture',
    description: 'A tailored multi-module course.',
    price: { amount: '2500.00', currency: 'USD' },
    category: 'ai_course_generation',
    status: 'active',
    version: 1,
    createdAt: '2026-11-26T07:00:00Z',
    updatedAt: '2026-11-26T07:00:00Z',
    ...overrides,
  };
}

export const JOB_ID = '0b6f7f0e-4a43-4a7b-8d0a-5d8f0f7f1a01';

/** A running course job, 3 of 10 steps done. */
export function jobJson(overrides: Partial<Record<keyof Job, unknown>> = {}) {
  return {
    id: JOB_ID,
    type: 'course_generation',
    status: 'running',
    userId: '5f0c8a5e-2f6b-4c3e-9a51-0d8c7d1e2f3a',
    orderId: null,
    input: {
      topic: 'Cloud basics for teams',
      targetAudience: 'Developers',
      difficulty: 'beginner',
      estimatedHours: 4,
      learningObjectives: ['a', 'b', 'c'],
    },
    progress: { step: 'lesson-1-2', completedSteps: 3, totalSteps: 10, message: 'Writing lesson 3 of 8: Regions' },
    priority: 0,
    attempts: 1,
    maxAttempts: 3,
    error: null,
    cancelRequested: false,
    tokenUsage: { input: 0, output: 0 },
    estimatedCost: '0.000000',
    generatedBy: null,
    runAt: '2026-11-26T07:00:00Z',
    createdAt: '2026-11-26T07:00:00Z',
    startedAt: '2026-11-26T07:00:01Z',
    completedAt: null,
    updatedAt: '2026-11-26T07:00:02Z',
    version: 3,
    ...overrides,
  };
}

export const APPROVER_ID = '0b8e1f7a-7a53-4f57-9d3c-1c2f3a4b5c6d';
export const REQUESTER_ID = '5f0c8a5e-2f6b-4c3e-9a51-0d8c7d1e2f3a';

/** A request as the server renders it: the default policy, one pending stage asking APPROVER_ID. */
export function approvalRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: 'a0000000-0000-4000-8000-000000000001',
    resourceType: 'order',
    resourceId: 'c0ffee00-0000-4000-8000-000000000002',
    requesterId: REQUESTER_ID,
    requesterName: 'Ken Customer',
    requesterEmail: 'ken@example.com',
    order: {
      productId: 'b0000000-0000-4000-8000-000000000003',
      productName: 'Data analysis course',
      quantity: 1,
      // In PostgreSQL's JSONB key order (shorter keys first), as the server sends it.
      input: {
        topic: 'Data analysis for sales teams',
        format: 'text',
        language: 'ja',
        difficulty: 'beginner',
        targetAudience: 'Sales managers',
        estimatedHours: 6,
        learningObjectives: ['Read a dashboard', 'Clean a spreadsheet', 'Present a forecast'],
      },
    },
    policyId: '00000000-0000-4000-8000-000000000205',
    policyName: 'Default order approval',
    amount: { amount: '2500.00', currency: 'USD' },
    category: 'ai_course_generation',
    status: 'pending',
    currentStage: 0,
    round: 1,
    stages: [
      {
        index: 0,
        name: 'Approver review',
        mode: 'any',
        approverRole: 'approver',
        approverIds: [],
        timeoutHours: 48,
        onTimeout: 'escalate',
        status: 'pending',
        approvers: [APPROVER_ID],
        escalated: false,
        startedAt: '2026-11-26T07:00:00Z',
        dueAt: '2026-11-28T07:00:00Z',
        decidedAt: null,
        decisions: [],
      },
    ],
    audit: [
      {
        at: '2026-11-26T07:00:00Z',
        actor: { type: 'agent', id: '205', name: 'ApprovalWorkflowAgent' },
        action: 'opened',
        fromStatus: null,
        toStatus: 'pending',
        stage: null,
        round: 1,
        detail: "Policy 'Default order approval' applies to 2500.00 USD",
      },
    ],
    createdAt: '2026-11-26T07:00:00Z',
    updatedAt: '2026-11-26T07:00:00Z',
    decidedAt: null,
    version: 1,
    ...overrides,
  };
}

/** The same request after APPROVER_ID approved it. */
export function approvedRequest(comment: string): ApprovalRequest {
  const base = approvalRequest();
  const at = '2026-11-26T08:00:00Z';
  return {
    ...base,
    status: 'approved',
    currentStage: null,
    decidedAt: at,
    version: 2,
    stages: base.stages.map((stage) => ({
      ...stage,
      status: 'approved',
      decidedAt: at,
      decisions: [{ approverId: APPROVER_ID, approverName: 'Aki Approver', decision: 'approve', comment, at }],
    })),
    audit: [
      ...(base.audit ?? []),
      {
        at,
        actor: { type: 'user', id: APPROVER_ID, name: 'Aki Approver' },
        action: 'approve',
        fromStatus: 'pending',
        toStatus: 'approved',
        stage: 0,
        round: 1,
        detail: comment,
      },
    ],
  };
}
