import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '@/testing/render';
import type { MetricsSummary } from '../types';
import { ActivityChart, LatencyChart } from './metrics-charts';

const oneOfEach: MetricsSummary = {
  orderCompletionRate: 1,
  aiJobSuccessRate: 1,
  paymentSuccessRate: 1,
  jobsQueued: 0,
  jobsRunning: 0,
  p95LatencyMs: 160,
  requests: 1,
  window: { from: '2026-11-26T07:00:00Z', to: '2026-11-26T07:41:12Z', hours: 1 },
  series: [
    {
      hour: '2026-11-26T07:00:00Z',
      ordersCreated: 1,
      ordersCompleted: 1,
      ordersFailed: 0,
      jobsCompleted: 1,
      jobsFailed: 0,
      paymentsSucceeded: 1,
      paymentsFailed: 0,
      p95LatencyMs: 160,
      requests: 1,
    },
  ],
};

describe('the chart summaries', () => {
  it('use the plural rules of the language: one order, one hour', () => {
    renderWithProviders(<ActivityChart metrics={oneOfEach} />);

    expect(screen.getByRole('img')).toHaveAccessibleName(
      /: In the last 1 hour: 1 order placed, 1 AI job finished, 1 payment settled\.$|^Activity per hour In the last 1 hour: 1 order placed, 1 AI job finished, 1 payment settled\.$/,
    );
  });

  it('keep a latency and its unit together', () => {
    renderWithProviders(<LatencyChart metrics={oneOfEach} />);

    expect(screen.getByRole('img')).toHaveAccessibleName(/took at most 160\u00a0ms\.$/);
  });

  it('speak Japanese', () => {
    renderWithProviders(<ActivityChart metrics={oneOfEach} />, { locale: 'ja' });

    expect(screen.getByRole('img')).toHaveAccessibleName(/ 過去1時間：注文1件、終了したAIジョブ1件、確定した決済1件。$/);
  });
});
