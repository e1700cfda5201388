import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { AGENT_TYPES, COUNTED, type CountedResource, type ServiceState } from '../types';
import { useDashboardFormat } from './use-dashboard-format';

function agentLabel(type: string): MessageKey | null {
  return (AGENT_TYPES as readonly string[]).includes(type) ? (`admin.dashboard.agents.${type}` as MessageKey) : null;
}

/** The five business agents: busy or idle, and what they did. */
export function AgentsTable({ state }: { state: ServiceState }) {
  const { t } = useI18n();
  const f = useDashboardFormat();
  return (
    <div className="table-wrap">
      <table className="table agents-table">
        <caption>{t('admin.dashboard.agentsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.dashboard.agent')}</th>
            <th scope="col">{t('admin.dashboard.agentStatus')}</th>
            <th scope="col">{t('admin.dashboard.activeTasks')}</th>
            <th scope="col">{t('admin.dashboard.submittedTasks')}</th>
            <th scope="col">{t('admin.dashboard.completedTasks')}</th>
            <th scope="col">{t('admin.dashboard.failedTasks')}</th>
            <th scope="col">{t('admin.dashboard.cancelledTasks')}</th>
            <th scope="col">{t('admin.dashboard.avgDuration')}</th>
          </tr>
        </thead>
        <tbody>
          {state.agentState.agents.map((agent) => {
            const label = agentLabel(agent.type);
            const busy = agent.status === 'busy';
            return (
              <tr key={agent.id} data-testid={`agent-${agent.id}`}>
                <th scope="row">
                  {label ? t(label) : agent.name} <span className="muted">#{agent.id}</span>
                </th>
                <td>
                  <span className={`agent-status agent-status-${busy ? 'busy' : 'idle'}`}>
                    {busy ? t('admin.dashboard.busy') : agent.status === 'idle' ? t('admin.dashboard.idle') : agent.status}
                  </span>
                </td>
                <td className="numeric">{f.number(agent.activeTasks)}</td>
                <td className="numeric">{f.number(agent.submittedTasks)}</td>
                <td className="numeric">{f.number(agent.completedTasks)}</td>
                <td className="numeric">{f.number(agent.failedTasks)}</td>
                <td className="numeric">{f.number(agent.cancelledTasks)}</td>
                <td className="numeric">{agent.completedTasks + agent.failedTasks > 0 ? f.ms(agent.avgDurationMs) : f.none}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Business counts by status, one small table per resource. */
export function BusinessCounts({ state }: { state: ServiceState }) {
  const { t } = useI18n();
  const f = useDashboardFormat();
  const resources = Object.keys(COUNTED) as CountedResource[];
  return (
    <div className="counts-grid">
      {resources.map((resource) => {
        const counts = state.businessState.counts[resource] ?? {};
        const statuses = [
          ...COUNTED[resource],
          ...Object.keys(counts).filter((s) => !(COUNTED[resource] as readonly string[]).includes(s)),
        ];
        const total = Object.values(counts).reduce((sum, count) => sum + count, 0);
        return (
          <table key={resource} className="counts-table" data-testid={`counts-${resource}`}>
            <caption>
              {t(`admin.dashboard.resources.${resource}`)} <span className="muted">({f.number(total)})</span>
            </caption>
            <tbody>
              {statuses.map((status) => (
                <tr key={status}>
                  <th scope="row">{statusLabel(t, status)}</th>
                  <td className="numeric">{f.number(counts[status] ?? 0)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}

type CountedStatus = (typeof COUNTED)[CountedResource][number];
const KNOWN_STATUSES = new Set<string>(Object.values(COUNTED).flat());

function statusLabel(t: (key: MessageKey) => string, status: string): string {
  return KNOWN_STATUSES.has(status) ? t(`admin.dashboard.statuses.${status as CountedStatus}`) : status;
}

/** Who is here: accounts, sign-ins and open connections over all instances. */
export function UsersPanel({ state }: { state: ServiceState }) {
  const { t } = useI18n();
  const f = useDashboardFormat();
  const users = state.userState;
  const items: [MessageKey, number][] = [
    ['admin.dashboard.registeredUsers', users.registeredUsers],
    ['admin.dashboard.activeUsers', users.activeUsers],
    ['admin.dashboard.activeSessions', users.activeSessions],
    ['admin.dashboard.recentlyActiveUsers', users.recentlyActiveUsers],
    ['admin.dashboard.connectedUsers', users.connectedUsers],
    ['admin.dashboard.openSockets', users.openSockets],
  ];
  return (
    <dl className="stat-grid">
      {items.map(([label, value]) => (
        <div key={label} className="stat">
          <dt>{t(label)}</dt>
          <dd>{f.number(value)}</dd>
        </div>
      ))}
    </dl>
  );
}
