import { Fragment } from 'react';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import './generation-request.css';

const LABELS: Partial<Record<string, MessageKey>> = {
  topic: 'orders.input.topic',
  targetAudience: 'orders.input.targetAudience',
  difficulty: 'orders.input.difficulty',
  estimatedHours: 'orders.input.estimatedHours',
  learningObjectives: 'orders.input.learningObjectives',
  format: 'orders.input.format',
  documentType: 'orders.input.documentType',
  title: 'orders.input.title',
  audience: 'orders.input.audience',
  dataPoints: 'orders.input.dataPoints',
  tone: 'orders.input.tone',
  language: 'orders.input.language',
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

/** A language tag in words for the reader ("ja" → "Japanese" / "日本語"), else the tag itself. */
function languageName(tag: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

function FieldValue({ name, value }: { name: string; value: unknown }) {
  const { t, locale, number } = useI18n();
  if (typeof value === 'string') {
    const key = VALUE_KEYS[name]?.[value];
    if (key) return <>{t(key)}</>;
    if (name === 'language') return <>{languageName(value, locale)}</>;
  }
  if (typeof value === 'number') {
    return <>{number(value)}</>;
  }
  return <Value value={value} />;
}

function Value({ value }: { value: unknown }) {
  if (Array.isArray(value)) {
    return (
      <ul className="request-details-list">
        {(value as unknown[]).map((item, index) => (
          <li key={index}>
            <Value value={item} />
          </li>
        ))}
      </ul>
    );
  }
  if (value !== null && typeof value === 'object') {
    return <Fields input={value as Record<string, unknown>} />;
  }
  return <>{String(value)}</>;
}

/** Known fields in the order the request form asks for them (stored JSON keeps no order), then the rest. */
const ORDER = Object.keys(LABELS);
const rank = (name: string) => (ORDER.includes(name) ? ORDER.indexOf(name) : ORDER.length);

function Fields({ input }: { input: Record<string, unknown> }) {
  const { t } = useI18n();
  const entries = Object.entries(input).sort(([a], [b]) => rank(a) - rank(b));
  return (
    <dl className="details">
      {entries.map(([name, value]) => {
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

/**
 * What a customer asked for in words: a generation request (course or document) field by field with
 * its labels and enumerated values in the UI's language, or free-form notes as written. Nothing for
 * an order without input.
 */
export function RequestDetails({ input }: { input: unknown }) {
  if (input === null || input === undefined) {
    return null;
  }
  if (typeof input === 'string') {
    return <p className="request-details-notes">{input}</p>;
  }
  if (typeof input === 'object' && !Array.isArray(input)) {
    return <Fields input={input as Record<string, unknown>} />;
  }
  return <Value value={input} />;
}
