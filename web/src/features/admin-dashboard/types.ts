import { z } from 'zod';
import type { ApiSchema } from '@/api/openapi';

/**
 * The dashboard's two sources (docs/api.md "State" and "Metrics"), as the server sends them. The
 * OpenAPI generator does not mark nullable fields, so the schemas are written here; `SameKeys` keeps
 * their field names in step with the document.
 */
type SameKeys<A, B> = [keyof A] extends [keyof B] ? ([keyof B] extends [keyof A] ? true : false) : false;
function sameKeys<A, B>(proof: SameKeys<A, B>): void {
  void proof;
}

export const metricsHourSchema = z.object({
  hour: z.string(),
  ordersCreated: z.number(),
  ordersCompleted: z.number(),
  ordersFailed: z.number(),
  jobsCompleted: z.number(),
  jobsFailed: z.number(),
  paymentsSucceeded: z.number(),
  paymentsFailed: z.number(),
  p95LatencyMs: z.number().nullable(),
  requests: z.number(),
});
export type MetricsHour = z.infer<typeof metricsHourSchema>;
sameKeys<MetricsHour, ApiSchema<'MetricsHour'>>(true);

export const metricsSummarySchema = z.object({
  orderCompletionRate: z.number().nullable(),
  aiJobSuccessRate: z.number().nullable(),
  paymentSuccessRate: z.number().nullable(),
  jobsQueued: z.number(),
  jobsRunning: z.number(),
  p95LatencyMs: z.number().nullable(),
  requests: z.number(),
  window: z.object({ from: z.string(), to: z.string(), hours: z.number() }),
  series: z.array(metricsHourSchema),
});
export type MetricsSummary = z.infer<typeof metricsSummarySchema>;
sameKeys<MetricsSummary, ApiSchema<'MetricsSummary'>>(true);
sameKeys<MetricsSummary['window'], ApiSchema<'MetricsWindow'>>(true);

/** The five business agents (201–205). */
export const AGENT_TYPES = [
  'course_generator',
  'document_generator',
  'content_search',
  'payment_processor',
  'approval_workflow',
] as const satisfies readonly ApiSchema<'AgentStatus'>['type'][];

export const agentStatusSchema = z.object({
  id: z.number(),
  type: z.string(),
  name: z.string(),
  status: z.string(),
  submittedTasks: z.number(),
  activeTasks: z.number(),
  completedTasks: z.number(),
  failedTasks: z.number(),
  cancelledTasks: z.number(),
  avgDurationMs: z.number().nullable(),
});
export type AgentStatus = z.infer<typeof agentStatusSchema>;
sameKeys<AgentStatus, ApiSchema<'AgentStatus'>>(true);

const agentStateSchema = z.object({
  agents: z.array(agentStatusSchema),
  openTasks: z.number(),
  // Shown only as a count here; the agents pages own the task shape.
  queue: z.array(z.unknown()),
});
sameKeys<z.infer<typeof agentStateSchema>, ApiSchema<'AgentState'>>(true);

/** Resource → status → count; every status is listed, zero included. */
const countsSchema = z.record(z.string(), z.record(z.string(), z.number()));

const businessStateSchema = z.object({
  counts: countsSchema,
  recentOrders: z.array(z.unknown()),
  recentJobs: z.array(z.unknown()),
});
sameKeys<z.infer<typeof businessStateSchema>, ApiSchema<'BusinessState'>>(true);

const userStateSchema = z.object({
  registeredUsers: z.number(),
  activeSessions: z.number(),
  activeUsers: z.number(),
  recentlyActiveUsers: z.number(),
  openSockets: z.number(),
  connectedUsers: z.number(),
  instances: z.array(
    z.object({ instanceId: z.string(), connections: z.number(), users: z.number(), reportedAt: z.string().nullable() }),
  ),
  refreshedAt: z.string().nullable(),
});
sameKeys<z.infer<typeof userStateSchema>, ApiSchema<'UserState'>>(true);

export const serviceStateSchema = z.object({
  version: z.number(),
  lastUpdated: z.string().nullable(),
  agentState: agentStateSchema,
  businessState: businessStateSchema,
  userState: userStateSchema,
});
export type ServiceState = z.infer<typeof serviceStateSchema>;
sameKeys<ServiceState, ApiSchema<'CompositeServiceState'>>(true);

/** The resources whose counts the dashboard lists, in this order, with every status the server reports. */
export const COUNTED = {
  orders: [
    'pending',
    'awaiting_approval',
    'awaiting_payment',
    'paid',
    'fulfilling',
    'completed',
    'rejected',
    'cancelled',
    'failed',
  ],
  aiJobs: ['queued', 'running', 'completed', 'failed', 'cancelled'],
  payments: ['processing', 'succeeded', 'failed', 'partially_refunded', 'refunded'],
  approvals: ['pending', 'approved', 'rejected', 'changes_requested', 'expired', 'cancelled'],
  products: ['active', 'draft', 'archived'],
} as const;
export type CountedResource = keyof typeof COUNTED;
