import { Fragment } from 'react';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';

const LABELS: Partial<Record<string, MessageKey>> = {
  topic: 'orders.input.topic',
  targetAudience: 'orders.input.targetAudience',
  difficulty: 'orders.input.difficulty',
  estimatedHours: 'orders.input.estimatedHours',
  learningObjectives: 'orders.input.learningObjectives',
  format: 'orders.input.format',
  language: 'orders.input.language',
  documentType: 'orders.input.documentType',
  title: 'orders.input.title',
  audience: 'orders.input.audience',
  dataPoints: 'orders.input.dataPoints',
  tone: 'orders.input.tone',
  notes: 'orders.input.notes',
};

/** Enumerated request values in words (the generation request's own catalogue keys). */
const VALUE_KEYS: Partial<Record<string, Partial<Record<string, MessageKey>>>> = {
  difficulty: {
    beginner: 'generationRequest.difficulty.beginner',
    intermediate: 'generationRequest.difficulty.intermediate',
    advanced: 'generationRequest.difficulty.advanced',
  },
  format: {
    text: 'generationRequest.format.text',
    video: 'generationRequest.format.video',
    interactive: 'generationRequest.format.interactive',
  },
  documentType: {
    proposal: 'generationRequest.documentType.proposal',
    contract: 'generationRequest.documentType.contract',
    report: 'generationRequest.documentType.report',
    presentation: 'generationRequest.documentType.presentation',
    faq: 'generationRequest.documentType.faq',
  },
};

function FieldValue({ name, value }: { name: string; value: unknown }) {
  const { t } = useI18n();
  const key = typeof value === 'string' ? VALUE_KEYS[name]?.[value] : undefined;
  return key ? <>{t(key)}</> : <Value value={value} />;
}

function Value({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    return (
      <ul className="order-input-list">
        {(value as unknown[]).map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (value !== null && typeof value === 'object') {
    return <OrderInputList input={value as Record<string, unknown>} />;
  }
  return <>{String(value)}</>;
}

function OrderInputList({ input }: { input: Record<string, unknown> }) {
  const { t } = useI18n();
  return (
    <dl className="details">
      {Object.entries(input).map(([name, value]) => {
        const label = LABELS[name];
        return (
          <Fragment key={name}>
            <dt>{label ? t(label) : name}</dt>
            <dd>
              <FieldValue name={name} value={value} />
            </dd>
          </Fragment>
        );
      })}
    </dl>
  );
}

/** What the customer asked for: the generation request, or free-form notes. */
export function OrderInput({ input }: { input: unknown }) {
  const { t } = useI18n();
  if (input === null || input === undefined) {
    return null;
  }
  return (
    <section className="card order-section" aria-labelledby="order-input-title">
      <h2 id="order-input-title">{t('orders.detail.request')}</h2>
      {typeof input === 'object' && !Array.isArray(input) ? (
        <OrderInputList input={input as Record<string, unknown>} />
      ) : typeof input === 'string' ? (
        <p className="order-notes">{input}</p>
      ) : (
        <Value value={input} />
      )}
    </section>
  );
}
