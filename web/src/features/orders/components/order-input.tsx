import { RequestDetails } from '@/components/generation-request/request-details';
import { useI18n } from '@/lib/i18n/i18n-provider';

/** What the customer asked for: the generation request, or free-form notes. */
export function OrderInput({ input }: { input: unknown }) {
  const { t } = useI18n();
  if (input === null || input === undefined) {
    return null;
  }
  return (
    <section className="card order-section" aria-labelledby="order-input-title">
      <h2 id="order-input-title">{t('orders.detail.request')}</h2>
      <RequestDetails input={input} />
    </section>
  );
}
