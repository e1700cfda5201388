import { z } from 'zod';
import type { MessageKey } from '@/lib/i18n/catalogue';
import type { Money } from '@/lib/i18n/format';
import type { RealtimeEvent } from '@/lib/realtime/realtime-connection';

/** The live topics whose events may concern the signed-in user (each user receives only what they may see). */
export const TOAST_TOPICS = ['orders', 'jobs', 'payments', 'approvals'] as const;

export type ToastTone = 'info' | 'success' | 'error';

/** What a toast says, kept as catalogue keys so it follows a language switch while shown. */
export type ToastSpec = {
  /** One toast per key: a newer event about the same thing replaces the older toast. */
  key: string;
  tone: ToastTone;
  message: MessageKey;
  values: Record<string, string | number>;
  /** Money among the values, formatted when shown. */
  money?: Record<string, Money>;
  /** Catalogue keys among the values (a category), translated when shown. */
  labels?: Record<string, MessageKey>;
  href?: string;
  linkLabel?: MessageKey;
};

export type Me = { id: string };

const moneySchema = z.object({ amount: z.string(), currency: z.string() });

const orderSchema = z.object({
  id: z.string(),
  userId: z.string(),
  productName: z.string(),
  status: z.string(),
  previousStatus: z.string().nullable().optional(),
});

const jobSchema = z.object({
  id: z.string(),
  userId: z.string(),
  type: z.string(),
  orderId: z.string().nullable().optional(),
  error: z.string().nullable().optional(),
  input: z.looseObject({ topic: z.unknown().optional(), title: z.unknown().optional() }).nullable().optional(),
});

const paymentSchema = z.object({
  id: z.string(),
  userId: z.string(),
  orderId: z.string(),
  amount: moneySchema,
  failureMessage: z.string().nullable().optional(),
});

const approvalSchema = z.object({
  id: z.string(),
  requesterId: z.string(),
  status: z.string(),
  category: z.string().nullable().optional(),
  amount: moneySchema.nullable().optional(),
  currentStage: z.number(),
  stages: z.array(
    z.object({
      index: z.number(),
      approvers: z.array(z.string()).nullable().optional(),
      decisions: z
        .array(z.object({ approverId: z.string() }))
        .nullable()
        .optional(),
    }),
  ),
});

const ORDER_MESSAGES: Partial<Record<string, { message: MessageKey; tone: ToastTone }>> = {
  awaiting_approval: { message: 'notifications.order.awaiting_approval', tone: 'info' },
  awaiting_payment: { message: 'notifications.order.awaiting_payment', tone: 'info' },
  paid: { message: 'notifications.order.paid', tone: 'success' },
  fulfilling: { message: 'notifications.order.fulfilling', tone: 'info' },
  completed: { message: 'notifications.order.completed', tone: 'success' },
  rejected: { message: 'notifications.order.rejected', tone: 'error' },
  cancelled: { message: 'notifications.order.cancelled', tone: 'info' },
  failed: { message: 'notifications.order.failed', tone: 'error' },
};

const CATEGORIES: Record<string, MessageKey> = {
  ai_course_generation: 'notifications.categories.ai_course_generation',
  ai_document_generation: 'notifications.categories.ai_document_generation',
  ai_search_service: 'notifications.categories.ai_search_service',
  business_consulting: 'notifications.categories.business_consulting',
  technical_support: 'notifications.categories.technical_support',
};

/** True when the user already looks at the page that shows this change live: no toast on top of it. */
function showing(pathname: string, href: string): boolean {
  return pathname === href || pathname.startsWith(`${href}/`);
}

function orderToast(event: RealtimeEvent, me: Me, pathname: string): ToastSpec | null {
  if (event.type !== 'order.updated') {
    return null; // order.created: the user just placed it
  }
  const order = orderSchema.safeParse(event.payload);
  if (!order.success || order.data.userId !== me.id || order.data.status === order.data.previousStatus) {
    return null;
  }
  const text = ORDER_MESSAGES[order.data.status];
  const href = `/orders/${order.data.id}`;
  if (!text || showing(pathname, href)) {
    return null;
  }
  return {
    key: `order:${order.data.id}`,
    ...text,
    values: { product: order.data.productName },
    href,
    linkLabel: 'notifications.viewOrder',
  };
}

function jobToast(event: RealtimeEvent, me: Me, pathname: string): ToastSpec | null {
  if (event.type !== 'job.completed' && event.type !== 'job.failed') {
    return null;
  }
  const job = jobSchema.safeParse(event.payload);
  if (!job.success || job.data.userId !== me.id) {
    return null;
  }
  const href = `/studio/jobs/${job.data.id}`;
  const orderHref = job.data.orderId ? `/orders/${job.data.orderId}` : null;
  if (showing(pathname, href) || (orderHref && showing(pathname, orderHref))) {
    return null;
  }
  const named = job.data.input?.topic ?? job.data.input?.title;
  const document = job.data.type.startsWith('document');
  const completed = event.type === 'job.completed';
  return {
    // An order's job and the order itself tell one story: the later news replaces the earlier.
    key: job.data.orderId ? `order:${job.data.orderId}` : `job:${job.data.id}`,
    tone: completed ? 'success' : 'error',
    message: completed
      ? document
        ? 'notifications.job.documentReady'
        : 'notifications.job.courseReady'
      : 'notifications.job.failed',
    values: { title: typeof named === 'string' && named.trim() ? named.trim() : '—' },
    href,
    linkLabel: 'notifications.openJob',
  };
}

function paymentToast(event: RealtimeEvent, me: Me, pathname: string): ToastSpec | null {
  if (event.type !== 'payment.succeeded' && event.type !== 'payment.failed') {
    return null;
  }
  const payment = paymentSchema.safeParse(event.payload);
  if (!payment.success || payment.data.userId !== me.id) {
    return null;
  }
  // The checkout on the order's page already shows the outcome of the payment just made there.
  const href = `/orders/${payment.data.orderId}`;
  if (showing(pathname, href)) {
    return null;
  }
  const succeeded = event.type === 'payment.succeeded';
  const reason = payment.data.failureMessage?.trim();
  return {
    key: `order:${payment.data.orderId}`,
    tone: succeeded ? 'success' : 'error',
    message: succeeded
      ? 'notifications.payment.succeeded'
      : reason
        ? 'notifications.payment.failedBecause'
        : 'notifications.payment.failed',
    values: { reason: reason ?? '' },
    money: { amount: payment.data.amount },
    href,
    linkLabel: 'notifications.viewOrder',
  };
}

function approvalToast(event: RealtimeEvent, me: Me, pathname: string): ToastSpec | null {
  if (event.type !== 'approval.requested' && event.type !== 'approval.escalated') {
    return null;
  }
  const request = approvalSchema.safeParse(event.payload);
  if (!request.success || request.data.status !== 'pending' || request.data.requesterId === me.id) {
    return null;
  }
  const stage = request.data.stages.find((candidate) => candidate.index === request.data.currentStage);
  const askedMe = stage?.approvers?.includes(me.id) ?? false;
  const decided = stage?.decisions?.some((decision) => decision.approverId === me.id) ?? false;
  const href = `/approvals/${request.data.id}`;
  if (!askedMe || decided || showing(pathname, href)) {
    return null;
  }
  const category = CATEGORIES[request.data.category ?? ''];
  return {
    key: `approval:${request.data.id}`,
    tone: 'info',
    message: event.type === 'approval.escalated' ? 'notifications.approval.escalated' : 'notifications.approval.requested',
    values: {},
    ...(request.data.amount ? { money: { amount: request.data.amount } } : {}),
    labels: { category: category ?? 'notifications.categories.other' },
    href,
    linkLabel: 'notifications.review',
  };
}

/**
 * The toast an event deserves for this user, or none: their order changed status, their AI job
 * completed or failed, their payment succeeded or failed, an approval request now waits for them.
 * Events about other users (admins receive every event) and news the user is looking at already
 * (the page of that order, job or request updates itself live) make no toast.
 */
export function toastFor(event: RealtimeEvent, me: Me, pathname: string): ToastSpec | null {
  switch (event.resourceType ?? event.type.split('.')[0]) {
    case 'order':
      return orderToast(event, me, pathname);
    case 'job':
      return jobToast(event, me, pathname);
    case 'payment':
      return paymentToast(event, me, pathname);
    case 'approval':
      return approvalToast(event, me, pathname);
    default:
      return null;
  }
}
