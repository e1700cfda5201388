import { get, useFieldArray, useFormContext, type FieldValues } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { SelectField, TextAreaField, TextField } from '@/components/ui/fields';
import type { MessageKey } from '@/lib/i18n/catalogue';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { COURSE_FORMATS, DIFFICULTIES, DOCUMENT_TYPES, LIMITS, type GenerationKind } from './schema';
import './generation-request.css';

type Props = {
  kind: GenerationKind;
  /**
   * Where the request's values sit in the surrounding form: `'input'` for a form whose values are
   * `{…, input: CourseRequestValues}`; omitted when the request is the whole form.
   */
  name?: string;
};

/**
 * The fields of a course or document request, for a react-hook-form form given by a
 * `<FormProvider>` — the studio's own form and the order form both render it. The form's resolver
 * must validate these values with `generationRequestSchema(kind)` (nested under `name`).
 */
export function GenerationRequestFields({ kind, name }: Props) {
  return kind === 'course' ? <CourseFields prefix={name ?? ''} /> : <DocumentFields prefix={name ?? ''} />;
}

function useRequestField(prefix: string) {
  const form = useFormContext<FieldValues>();
  const { message } = useI18n();
  const path = (field: string) => (prefix ? `${prefix}.${field}` : field);
  const errorOf = (field: string): string | undefined => {
    const error: { message?: string; root?: { message?: string } } | undefined = get(form.formState.errors, path(field));
    return message(error?.message ?? error?.root?.message);
  };
  return { form, path, errorOf };
}

function CourseFields({ prefix }: { prefix: string }) {
  const { t } = useI18n();
  const { form, path, errorOf } = useRequestField(prefix);
  const objectives = useFieldArray({ control: form.control, name: path('learningObjectives') });
  const objectivesError = errorOf('learningObjectives');

  return (
    <div className="generation-request">
      <TextField
        label={t('generationRequest.topic')}
        hint={t('generationRequest.topicHint')}
        error={errorOf('topic')}
        maxLength={LIMITS.topic.max}
        {...form.register(path('topic'))}
      />
      <TextField
        label={t('generationRequest.targetAudience')}
        hint={t('generationRequest.targetAudienceHint')}
        error={errorOf('targetAudience')}
        maxLength={LIMITS.targetAudience.max}
        {...form.register(path('targetAudience'))}
      />
      <div className="generation-request-row">
        <SelectField
          label={t('generationRequest.difficulty')}
          error={errorOf('difficulty')}
          options={DIFFICULTIES.map((value) => ({
            value,
            label: t(`generationRequest.difficulty.${value}` as MessageKey),
          }))}
          {...form.register(path('difficulty'))}
        />
        <TextField
          label={t('generationRequest.estimatedHours')}
          hint={t('generationRequest.estimatedHoursHint')}
          error={errorOf('estimatedHours')}
          type="number"
          inputMode="decimal"
          min={LIMITS.estimatedHours.min}
          max={LIMITS.estimatedHours.max}
          step="any"
          {...form.register(path('estimatedHours'), { valueAsNumber: true })}
        />
      </div>

      <fieldset className="generation-request-list">
        <legend>{t('generationRequest.learningObjectives')}</legend>
        <p className="field-hint">{t('generationRequest.learningObjectivesHint')}</p>
        <ol className="generation-request-rows">
          {objectives.fields.map((row, index) => (
            <li key={row.id} className="generation-request-item">
              <TextField
                label={t('generationRequest.objective', { n: index + 1 })}
                error={errorOf(`learningObjectives.${index}.value`)}
                maxLength={LIMITS.objective.max}
                {...form.register(path(`learningObjectives.${index}.value`))}
              />
              {/* Every objective can go ("…or remove it"); fewer than 3 is then said on the list. */}
              {objectives.fields.length > 1 ? (
                <Button variant="ghost" className="generation-request-remove" onClick={() => objectives.remove(index)}>
                  {t('generationRequest.removeObjective', { n: index + 1 })}
                </Button>
              ) : null}
            </li>
          ))}
        </ol>
        {objectivesError ? (
          <p className="field-error" role="alert">
            {objectivesError}
          </p>
        ) : null}
        {objectives.fields.length < LIMITS.learningObjectives.max ? (
          <Button variant="secondary" onClick={() => objectives.append({ value: '' })}>
            {t('generationRequest.addObjective')}
          </Button>
        ) : null}
      </fieldset>

      <div className="generation-request-row">
        <SelectField
          label={t('generationRequest.format')}
          error={errorOf('format')}
          options={COURSE_FORMATS.map((value) => ({
            value,
            label: t(`generationRequest.format.${value}` as MessageKey),
          }))}
          {...form.register(path('format'))}
        />
        <TextField
          label={t('generationRequest.language')}
          hint={t('generationRequest.languageHint')}
          error={errorOf('language')}
          autoComplete="off"
          spellCheck={false}
          maxLength={LIMITS.language.max}
          {...form.register(path('language'))}
        />
      </div>
    </div>
  );
}

function DocumentFields({ prefix }: { prefix: string }) {
  const { t } = useI18n();
  const { form, path, errorOf } = useRequestField(prefix);
  const dataPoints = useFieldArray({ control: form.control, name: path('dataPoints') });
  const dataPointsError = errorOf('dataPoints');

  return (
    <div className="generation-request">
      <SelectField
        label={t('generationRequest.documentType')}
        error={errorOf('documentType')}
        options={DOCUMENT_TYPES.map((value) => ({
          value,
          label: t(`generationRequest.documentType.${value}` as MessageKey),
        }))}
        {...form.register(path('documentType'))}
      />
      <TextField
        label={t('generationRequest.title')}
        hint={t('generationRequest.titleHint')}
        error={errorOf('title')}
        maxLength={LIMITS.title.max}
        {...form.register(path('title'))}
      />
      <TextField
        label={t('generationRequest.audience')}
        hint={t('generationRequest.audienceHint')}
        error={errorOf('audience')}
        maxLength={LIMITS.audience.max}
        {...form.register(path('audience'))}
      />

      <fieldset className="generation-request-list">
        <legend>{t('generationRequest.dataPoints')}</legend>
        <p className="field-hint">{t('generationRequest.dataPointsHint')}</p>
        {dataPoints.fields.length > 0 ? (
          <ol className="generation-request-rows">
            {dataPoints.fields.map((row, index) => (
              <li key={row.id} className="generation-request-item generation-request-pair">
                <TextField
                  label={t('generationRequest.dataPointName', { n: index + 1 })}
                  error={errorOf(`dataPoints.${index}.name`)}
                  maxLength={LIMITS.dataPointName.max}
                  {...form.register(path(`dataPoints.${index}.name`))}
                />
                <TextAreaField
                  label={t('generationRequest.dataPointValue', { n: index + 1 })}
                  error={errorOf(`dataPoints.${index}.value`)}
                  rows={2}
                  maxLength={LIMITS.dataPointValue.max}
                  {...form.register(path(`dataPoints.${index}.value`))}
                />
                <Button variant="ghost" className="generation-request-remove" onClick={() => dataPoints.remove(index)}>
                  {t('generationRequest.removeDataPoint', { n: index + 1 })}
                </Button>
              </li>
            ))}
          </ol>
        ) : null}
        {dataPointsError ? (
          <p className="field-error" role="alert">
            {dataPointsError}
          </p>
        ) : null}
        {dataPoints.fields.length < LIMITS.dataPoints.max ? (
          <Button variant="secondary" onClick={() => dataPoints.append({ name: '', value: '' })}>
            {t('generationRequest.addDataPoint')}
          </Button>
        ) : null}
      </fieldset>

      <div className="generation-request-row">
        <TextField
          label={t('generationRequest.tone')}
          hint={t('generationRequest.toneHint')}
          error={errorOf('tone')}
          maxLength={LIMITS.tone.max}
          {...form.register(path('tone'))}
        />
        <TextField
          label={t('generationRequest.language')}
          hint={t('generationRequest.languageHint')}
          error={errorOf('language')}
          autoComplete="off"
          spellCheck={false}
          maxLength={LIMITS.language.max}
          {...form.register(path('language'))}
        />
      </div>
    </div>
  );
}
