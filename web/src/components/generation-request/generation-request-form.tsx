import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { FormProvider, useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { errorMessage } from '@/lib/i18n/error-message';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { GenerationRequestFields } from './generation-request-fields';
import {
  generationRequestDefaults,
  generationRequestSchema,
  toGenerationInput,
  type GenerationInput,
  type GenerationKind,
  type GenerationRequestValues,
} from './schema';
import { applyGenerationRequestErrors } from './server-errors';

type Props = {
  kind: GenerationKind;
  /**
   * Values to start with (e.g. a request to repeat); the defaults otherwise. Read once, when the form
   * mounts: give the form a new `key` to start it afresh (another kind, other values).
   */
  defaultValues?: GenerationRequestValues;
  submitLabel: string;
  /**
   * Sends the request. A rejected ApiError's field errors (`input.topic`, …) appear on the fields;
   * anything else above the form, as `describeError` words it (default: the readable message).
   */
  onSubmit: (input: GenerationInput) => Promise<void>;
  describeError?: (error: unknown) => ReactNode | null;
  /** Extra content below the fields, before the submit button. */
  children?: ReactNode;
};

/**
 * The request form on its own: its own react-hook-form with the request's rules, server field
 * errors on the fields. To put the request into a bigger form, render `GenerationRequestFields`
 * inside that form's `<FormProvider>` instead.
 */
export function GenerationRequestForm({ kind, defaultValues, submitLabel, onSubmit, describeError, children }: Props) {
  const { t, locale } = useI18n();
  const [formError, setFormError] = useState<ReactNode | null>(null);
  const form = useForm<FieldValues>({
    resolver: zodResolver(generationRequestSchema(kind)) as unknown as Resolver<FieldValues>,
    defaultValues: defaultValues ?? generationRequestDefaults(kind, locale),
  });

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await onSubmit(toGenerationInput(kind, values as GenerationRequestValues));
    } catch (error) {
      const rest = applyGenerationRequestErrors(error, {
        kind,
        setError: form.setError,
        getValues: form.getValues,
      });
      if (rest === null) return;
      const described = describeError?.(error);
      setFormError(described ?? (isApiError(error) && error.fieldErrors.length > 0 ? rest : errorMessage(error, t)));
    }
  });

  return (
    <FormProvider {...form}>
      <form className="form" onSubmit={submit} noValidate>
        {formError ? <Alert tone="error">{formError}</Alert> : null}
        <GenerationRequestFields kind={kind} />
        {children}
        <div>
          <Button type="submit" busy={form.formState.isSubmitting}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
