import { z } from 'zod';
import { assertSameKeys, type ApiSchema } from '@/api/openapi';
import { MODES, TIMEOUT_ACTIONS } from '@/api/schemas/approval';

export { CATEGORIES as POLICY_CATEGORIES, type Category as PolicyCategory } from '@/api/schemas/product';
export { MODES, TIMEOUT_ACTIONS };

/**
 * An approval policy as `/api/approval-policies` answers (docs/api.md "Approvals"). The OpenAPI
 * document does not mark the nullable fields, so the schemas are checked against it key by key.
 */
export const APPROVER_ROLES = ['approver', 'admin'] as const;

const decimal = z.string().regex(/^\d+(\.\d+)?$/);

export const appliesToSchema = z.object({
  resourceType: z.string(),
  minAmount: decimal,
  currency: z.string().nullable(),
  categories: z.array(z.string()),
});

export const policyStageSchema = z.object({
  name: z.string(),
  approverRole: z.string().nullable(),
  approverIds: z.array(z.string()),
  mode: z.enum(MODES),
  timeoutHours: z.number().int().nullable(),
  onTimeout: z.enum(TIMEOUT_ACTIONS),
  minAmount: decimal.nullable(),
});
export type PolicyStage = z.infer<typeof policyStageSchema>;

export const policySchema = z.object({
  id: z.string(),
  name: z.string(),
  active: z.boolean(),
  priority: z.number().int(),
  appliesTo: appliesToSchema,
  stages: z.array(policyStageSchema),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Policy = z.infer<typeof policySchema>;

/** What POST and PUT take (the version travels as If-Match). */
export type PolicyInput = {
  name: string;
  active: boolean;
  priority: number;
  appliesTo: { resourceType: 'order'; minAmount: string; currency: string | null; categories: string[] };
  stages: {
    name: string;
    approverRole: string | null;
    approverIds: string[];
    mode: string;
    timeoutHours: number | null;
    onTimeout: string;
    minAmount: string | null;
  }[];
};

assertSameKeys<Policy, ApiSchema<'ApprovalPolicy'>>(true);
assertSameKeys<z.infer<typeof appliesToSchema>, ApiSchema<'AppliesTo'>>(true);
assertSameKeys<PolicyStage, ApiSchema<'Stage'>>(true);
assertSameKeys<PolicyInput, Omit<ApiSchema<'PolicyInput'>, 'version'>>(true);
assertSameKeys<PolicyInput['stages'][number], ApiSchema<'Stage'>>(true);

/** The policy as a replacement body, for changes that keep everything else (activate, deactivate). */
export function inputOf(policy: Policy): PolicyInput {
  return {
    name: policy.name,
    active: policy.active,
    priority: policy.priority,
    appliesTo: {
      resourceType: 'order',
      minAmount: policy.appliesTo.minAmount,
      currency: policy.appliesTo.currency,
      categories: policy.appliesTo.categories,
    },
    stages: policy.stages.map((stage) => ({ ...stage })),
  };
}
