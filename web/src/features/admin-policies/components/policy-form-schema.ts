import { z } from 'zod';
import { APPROVER_ROLES, MODES, TIMEOUT_ACTIONS, type Policy, type PolicyInput } from '../api/types';

/**
 * The policy editor's values and rules — the server's rules (PolicyService), checked before anything
 * is sent. Messages are catalogue keys. Number fields stay strings while edited.
 */
export const MAX_STAGES = 10;
export const MAX_APPROVER_IDS = 50;
export const MAX_TIMEOUT_HOURS = 8760;
const MAX_AMOUNT = 99_999_999.99;
const DECIMAL = /^[0-9]{1,12}(\.[0-9]{1,2})?$/;

export type StageValues = {
  name: string;
  approverKind: 'role' | 'users';
  approverRole: (typeof APPROVER_ROLES)[number];
  approverIds: string[];
  mode: (typeof MODES)[number];
  timeoutHours: string;
  onTimeout: (typeof TIMEOUT_ACTIONS)[number];
  minAmount: string;
};

export type PolicyFormValues = {
  name: string;
  active: boolean;
  priority: string;
  appliesTo: { minAmount: string; currency: string; categories: string[] };
  stages: StageValues[];
};

/** An optional amount: empty, or a decimal with at most 2 decimals up to 99 999 999.99. */
const amount = z.string().superRefine((value, context) => {
  const trimmed = value.trim();
  if (trimmed === '') {
    return;
  }
  if (!DECIMAL.test(trimmed)) {
    context.addIssue({ code: 'custom', message: 'policies.validation.amountFormat' });
  } else if (Number(trimmed) > MAX_AMOUNT) {
    context.addIssue({ code: 'custom', message: 'policies.validation.amountTooLarge' });
  }
});

/** An ISO 4217 code with at most two minor units, as the server's Money.supportedCurrency. */
export function isSupportedCurrency(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) {
    return false;
  }
  try {
    if (!Intl.supportedValuesOf('currency').includes(code)) {
      return false;
    }
    const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits;
    return digits !== undefined && digits <= 2;
  } catch {
    return false;
  }
}

const stageSchema = z
  .object({
    name: z.string(),
    approverKind: z.enum(['role', 'users']),
    approverRole: z.enum(APPROVER_ROLES),
    approverIds: z.array(z.string()),
    mode: z.enum(MODES),
    timeoutHours: z.string(),
    onTimeout: z.enum(TIMEOUT_ACTIONS),
    minAmount: amount,
  })
  .superRefine((stage, context) => {
    const name = stage.name.trim();
    if (name.length < 1 || name.length > 100) {
      context.addIssue({ code: 'custom', path: ['name'], message: 'policies.validation.stageNameRequired' });
    }
    if (stage.approverKind === 'users') {
      if (stage.approverIds.length === 0) {
        context.addIssue({ code: 'custom', path: ['approverIds'], message: 'policies.validation.usersRequired' });
      } else if (new Set(stage.approverIds).size > MAX_APPROVER_IDS) {
        context.addIssue({ code: 'custom', path: ['approverIds'], message: 'policies.validation.usersTooMany' });
      }
    }
    const timeout = stage.timeoutHours.trim();
    if (timeout !== '' && (!/^\d{1,5}$/.test(timeout) || Number(timeout) < 1 || Number(timeout) > MAX_TIMEOUT_HOURS)) {
      context.addIssue({ code: 'custom', path: ['timeoutHours'], message: 'policies.validation.timeoutRange' });
    }
  });

export const policyFormSchema = z
  .object({
    name: z.string(),
    active: z.boolean(),
    priority: z.string(),
    appliesTo: z.object({
      minAmount: amount,
      currency: z.string(),
      categories: z.array(z.string()),
    }),
    stages: z.array(stageSchema).min(1, 'policies.validation.stagesCount').max(MAX_STAGES, 'policies.validation.stagesCount'),
  })
  .superRefine((policy, context) => {
    const name = policy.name.trim();
    if (name.length < 1 || name.length > 200) {
      context.addIssue({ code: 'custom', path: ['name'], message: 'policies.validation.nameRequired' });
    }
    const priority = policy.priority.trim();
    if (!/^-?\d{1,4}$/.test(priority) || Math.abs(Number(priority)) > 1000) {
      context.addIssue({ code: 'custom', path: ['priority'], message: 'policies.validation.priorityRange' });
    }
    const currency = policy.appliesTo.currency.trim().toUpperCase();
    if (currency !== '' && !isSupportedCurrency(currency)) {
      context.addIssue({ code: 'custom', path: ['appliesTo', 'currency'], message: 'policies.validation.currencyFormat' });
    }
  });

export function emptyStage(): StageValues {
  return {
    name: '',
    approverKind: 'role',
    approverRole: 'approver',
    approverIds: [],
    mode: 'any',
    timeoutHours: '',
    onTimeout: 'escalate',
    minAmount: '',
  };
}

export function emptyPolicy(): PolicyFormValues {
  return {
    name: '',
    active: true,
    priority: '0',
    appliesTo: { minAmount: '1000.00', currency: '', categories: [] },
    stages: [emptyStage()],
  };
}

/** A policy read from the server as the editor's values. */
export function formValuesOf(policy: Policy): PolicyFormValues {
  return {
    name: policy.name,
    active: policy.active,
    priority: String(policy.priority),
    appliesTo: {
      minAmount: policy.appliesTo.minAmount,
      currency: policy.appliesTo.currency ?? '',
      categories: [...policy.appliesTo.categories],
    },
    stages: policy.stages.map((stage) => ({
      name: stage.name,
      approverKind: stage.approverRole === null ? 'users' : 'role',
      approverRole: stage.approverRole === 'admin' ? 'admin' : 'approver',
      approverIds: [...stage.approverIds],
      mode: stage.mode,
      timeoutHours: stage.timeoutHours === null ? '' : String(stage.timeoutHours),
      onTimeout: stage.onTimeout,
      minAmount: stage.minAmount ?? '',
    })),
  };
}

/** The editor's (valid) values as the body of POST/PUT: a full policy. */
export function policyInputOf(values: PolicyFormValues): PolicyInput {
  return {
    name: values.name.trim(),
    active: values.active,
    priority: Number(values.priority.trim()),
    appliesTo: {
      resourceType: 'order',
      minAmount: values.appliesTo.minAmount.trim() || '0',
      currency: values.appliesTo.currency.trim().toUpperCase() || null,
      categories: values.appliesTo.categories,
    },
    stages: values.stages.map((stage) => ({
      name: stage.name.trim(),
      approverRole: stage.approverKind === 'role' ? stage.approverRole : null,
      approverIds: stage.approverKind === 'users' ? [...new Set(stage.approverIds)] : [],
      mode: stage.mode,
      timeoutHours: stage.timeoutHours.trim() === '' ? null : Number(stage.timeoutHours.trim()),
      onTimeout: stage.onTimeout,
      minAmount: stage.minAmount.trim() || null,
    })),
  };
}

/**
 * Where a server field error belongs in the form: `stages[0].name` → `stages.0.name`; a stage's
 * "approverRole or approverIds" error (`stages[0]`) at its approver choice; one bad user or category
 * at its list; `stages` at the list of stages. Null: no field shows it (the form's alert does).
 */
export function formPathOf(field: string): string | null {
  const path = field.replace(/\[(\d+)\]/g, '.$1');
  if (path === 'name' || path === 'priority' || path === 'appliesTo.minAmount' || path === 'appliesTo.currency') {
    return path;
  }
  if (/^appliesTo\.categories(\.\d+)?$/.test(path)) {
    return 'appliesTo.categories';
  }
  if (path === 'stages') {
    return 'stages.root';
  }
  const stage = /^stages\.(\d+)(?:\.(\w+))?(?:\.\d+)?$/.exec(path);
  if (!stage) {
    return null;
  }
  const [, index, name] = stage;
  if (name === undefined) {
    return `stages.${index}.approverKind`;
  }
  return ['name', 'approverRole', 'approverIds', 'mode', 'timeoutHours', 'onTimeout', 'minAmount'].includes(name)
    ? `stages.${index}.${name}`
    : null;
}
