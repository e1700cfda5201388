import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { FormProvider, useFieldArray, useForm, type Path } from 'react-hook-form';
import { Link } from 'react-router';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError, type ApiError } from '@/lib/problem';
import { POLICY_CATEGORIES, type PolicyInput } from '../api/types';
import { emptyStage, formPathOf, MAX_STAGES, policyFormSchema, policyInputOf, type PolicyFormValues } from './policy-form-schema';
import { StageFields } from './stage-fields';

type Props = {
  defaultValues: PolicyFormValues;
  submitLabel: string;
  onSave: (input: PolicyInput) => Promise<unknown>;
  /** A 409 version_conflict: the page explains it and offers a reload. */
  onConflict?: (error: ApiError) => void;
};

/**
 * The policy editor: name, priority, active; what it applies to (minimum total, currency,
 * categories); 1–10 ordered stages that can be added, removed and moved. The server's rules are
 * checked before sending; the server's own field errors (`stages[0].name`) land on their fields.
 */
export function PolicyForm({ defaultValues, submitLabel, onSave, onConflict }: Props) {
  const { t, message } = useI18n();
  const id = useId();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<PolicyFormValues>({ resolver: zodResolver(policyFormSchema), defaultValues });
  const stages = useFieldArray({ control: form.control, name: 'stages' });
  const { errors } = form.formState;

  const submit = form.handleSubmit(
    async (values) => {
      setFormError(null);
      try {
        await onSave(policyInputOf(values));
      } catch (error) {
        if (isApiError(error) && error.code === 'version_conflict' && onConflict) {
          onConflict(error);
          return;
        }
        setFormError(placeServerErrors(error));
      }
    },
    () => setFormError(t('policies.form.hasErrors')),
  );

  function placeServerErrors(error: unknown): string | null {
    if (!isApiError(error) || error.fieldErrors.length === 0) {
      return errorMessage(error, t);
    }
    let unplaced = 0;
    let focused = false;
    error.fieldErrors.forEach(({ field, message: text }) => {
      const path = formPathOf(field);
      if (path === null) {
        unplaced += 1;
        return;
      }
      form.setError(path as Path<PolicyFormValues>, { type: 'server', message: text }, { shouldFocus: !focused });
      focused = true;
    });
    return unplaced > 0 ? error.message : t('policies.form.hasErrors');
  }

  function move(from: number, to: number) {
    stages.move(from, to);
    // Keep the keyboard where it was: on the same action of the stage that moved.
    requestAnimationFrame(() => {
      const direction = to < from ? 'up' : 'down';
      const target = document.getElementById(`${id}-stage-${to}-${direction}`) as HTMLButtonElement | null;
      const fallback = document.getElementById(`${id}-stage-${to}-${direction === 'up' ? 'down' : 'up'}`);
      (target && !target.disabled ? target : fallback)?.focus();
    });
  }

  function remove(index: number) {
    stages.remove(index);
    requestAnimationFrame(() => document.getElementById(`${id}-add-stage`)?.focus());
  }

  const stagesError = message(errors.stages?.root?.message ?? errors.stages?.message);
  const categoriesError = message(errors.appliesTo?.categories?.message);
  return (
    <FormProvider {...form}>
      <form className="form policy-form" onSubmit={submit} noValidate>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <fieldset className="card form-section">
          <legend>{t('policies.form.general')}</legend>
          <div className="form-grid">
            <TextField
              label={t('policies.name')}
              className="span-2"
              error={message(errors.name?.message)}
              {...form.register('name')}
            />
            <TextField
              label={t('policies.priority')}
              inputMode="numeric"
              hint={t('policies.form.priorityHint')}
              error={message(errors.priority?.message)}
              {...form.register('priority')}
            />
            <label className="checkbox active-toggle">
              <input type="checkbox" {...form.register('active')} />
              {t('policies.form.activeLabel')}
            </label>
          </div>
        </fieldset>

        <fieldset className="card form-section">
          <legend>{t('policies.form.appliesTo')}</legend>
          <div className="form-grid">
            <TextField
              label={t('policies.form.minAmount')}
              inputMode="decimal"
              hint={t('policies.form.minAmountHint')}
              error={message(errors.appliesTo?.minAmount?.message)}
              {...form.register('appliesTo.minAmount')}
            />
            <TextField
              label={t('policies.form.currency')}
              autoCapitalize="characters"
              maxLength={3}
              hint={t('policies.form.currencyHint')}
              error={message(errors.appliesTo?.currency?.message)}
              {...form.register('appliesTo.currency')}
            />
            <fieldset
              className={categoriesError ? 'choice-group span-2 field-invalid' : 'choice-group span-2'}
              aria-describedby={`${id}-categories-hint`}
            >
              <legend>{t('policies.form.categories')}</legend>
              <p id={`${id}-categories-hint`} className="field-hint">
                {t('policies.form.categoriesHint')}
              </p>
              {POLICY_CATEGORIES.map((category) => (
                <label className="checkbox" key={category}>
                  <input type="checkbox" value={category} {...form.register('appliesTo.categories')} />
                  {t(`catalog.categories.${category}`)}
                </label>
              ))}
              {categoriesError ? <p className="field-error">{categoriesError}</p> : null}
            </fieldset>
          </div>
        </fieldset>

        <section className="form-section" aria-labelledby={`${id}-stages`}>
          <h2 id={`${id}-stages`}>{t('policies.form.stages')}</h2>
          <p className="field-hint">{t('policies.form.stagesHint')}</p>
          {stagesError ? <p className="field-error">{stagesError}</p> : null}
          <ol className="stage-editors">
            {stages.fields.map((field, index) => (
              <StageFields
                key={field.id}
                index={index}
                stageKey={field.id}
                count={stages.fields.length}
                idPrefix={id}
                onMove={move}
                onRemove={remove}
              />
            ))}
          </ol>
          <Button
            variant="secondary"
            id={`${id}-add-stage`}
            disabled={stages.fields.length >= MAX_STAGES}
            onClick={() => stages.append(emptyStage())}
          >
            {t('policies.form.addStage')}
          </Button>
        </section>

        <div className="form-actions">
          <Button type="submit" busy={form.formState.isSubmitting}>
            {submitLabel}
          </Button>
          <Link to="/admin/policies" className="btn btn-ghost">
            {t('policies.form.cancel')}
          </Link>
        </div>
      </form>
    </FormProvider>
  );
}
