import { z } from 'zod';
import { assertSameKeys, type ApiSchema } from '@/api/openapi';
import { APPROVAL_STATUSES } from '@/api/schemas/approval';
import { JOB_STATUSES } from '@/api/schemas/job';
import { ORDER_STATUSES } from '@/api/schemas/order';
import { PAYMENT_STATUSES } from '@/api/schemas/payment';
import { PRODUCT_STATUSES } from '@/api/schemas/product';

/**
 * The dashboard's two sources (docs/api.md "State" and "Metrics"), as the server sends them. The
 * OpenAPI generator does not mark nullable fields, so the schemas are written here; `assertSameKeys` keeps
 * their field names in step with the document.
 */

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
assertSameKeys<MetricsHour, ApiSchema<'MetricsHour'>>(true);

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
assertSameKeys<MetricsSummary, ApiSchema<'MetricsSummary'>>(true);
assertSameKeys<MetricsSummary['window'], ApiSchema<'MetricsWindow'>>(true);

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
assertSameKeys<AgentStatus, ApiSchema<'AgentStatus'>>(true);

const agentStateSchema = z.object({
  agents: z.array(agentStatusSchema),
  openTasks: z.number(),
  // Shown only as a count here; the agents pages own the task shape.
  queue: z.array(z.unknown()),
});
assertSameKeys<z.infer<typeof agentStateSchema>, ApiSchema<'AgentState'>>(true);

/** Resource → status → count; every status is listed, zero included. */
const countsSchema = z.record(z.string(), z.record(z.string(), z.number()));

const businessStateSchema = z.object({
  counts: countsSchema,
  recentOrders: z.array(z.unknown()),
  recentJobs: z.array(z.unknown()),
});
assertSameKeys<z.infer<typeof businessStateSchema>, ApiSchema<'BusinessState'>>(true);

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
assertSameKeys<z.infer<typeof userStateSchema>, ApiSchema<'UserState'>>(true);

export const serviceStateSchema = z.object({
  version: z.number(),
  lastUpdated: z.string().nullable(),
  agentState: agentStateSchema,
  businessState: businessStateSchema,
  userState: userStateSchema,
});
export type ServiceState = z.infer<typeof serviceStateSchema>;
assertSameKeys<ServiceState, ApiSchema<'CompositeServiceState'>>(true);

/** The resources whose counts the dashboard lists, in this order, with every status the server reports. */
export const COUNTED = {
  orders: ORDER_STATUSES,
  aiJobs: JOB_STATUSES,
  payments: PAYMENT_STATUSES,
  approvals: APPROVAL_STATUSES,
  products: PRODUCT_STATUSES,
} as const;
export type CountedResource = keyof typeof COUNTED;

/** The GitHub Issues mirror of the agent board (`GET /api/integrations/github`). */
export const gitHubMirrorSchema = z.object({
  enabled: z.boolean(),
  repository: z.string().nullable(),
  backlog: z.number(),
  pausedUntil: z.string().nullable(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type GitHubMirror = z.infer<typeof gitHubMirrorSchema>;
assertSameKeys<GitHubMirror, ApiSchema<'GitHubMirrorStatus'>>(true);
