import { useMemo } from 'react';
import { useI18n } from '@/lib/i18n/i18n-provider';

/**
 * What the dashboard shows besides the app's formats (lib/i18n/format.ts): shares as percentages,
 * the hour of an hourly point, and latencies in milliseconds — all per locale. Missing values read "—".
 */
export function useDashboardFormat() {
  const { locale, t, number, dateTime } = useI18n();
  return useMemo(() => {
    const percentFormat = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
    const hourFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const msFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
    return {
      none: t('admin.dashboard.none'),
      number,
      dateTime,
      percent: (share: number | null | undefined) =>
        share === null || share === undefined ? t('admin.dashboard.none') : percentFormat.format(share),
      hour: (iso: string) => {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : hourFormat.format(date);
      },
      ms: (value: number | null | undefined) =>
        value === null || value === undefined
          ? t('admin.dashboard.none')
          : t('admin.dashboard.ms', { value: msFormat.format(value) }),
    };
  }, [locale, t, number, dateTime]);
}
