import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { approvalKeys } from '@/api/approvals';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { isApiError } from '@/lib/problem';
import { decisionInputSchema, MAX_COMMENT, useDecide, type Decision, type DecisionInput } from '../api/decide';
import { decisionErrorMessage, isStaleDecision } from '../api/decision-error';

const BUTTONS: {
  decision: Decision;
  label: 'approvals.decide.approve' | 'approvals.decide.reject' | 'approvals.decide.requestChanges';
  variant: 'primary' | 'danger' | 'secondary';
}[] = [
  { decision: 'approve', label: 'approvals.decide.approve', variant: 'primary' },
  { decision: 'request_changes', label: 'approvals.decide.requestChanges', variant: 'secondary' },
  { decision: 'reject', label: 'approvals.decide.reject', variant: 'danger' },
];

/**
 * Approve, reject or request changes, with a comment — required for the latter two and at most
 * 2000 characters, checked here as the server does before anything is sent. Refusals of the server
 * (self-approval, already decided, no longer pending) are shown in words, and the request is read
 * again so the page shows its current state.
 */
export function DecisionForm({
  approvalId,
  onDecided,
  onRefused,
}: {
  approvalId: string;
  onDecided?: (decision: Decision) => void;
  /**
   * A refusal after which the request is read again (already decided, no longer pending): the form
   * may disappear with the new state, so the page shows the message.
   */
  onRefused?: (message: string) => void;
}) {
  const { t, message, number } = useI18n();
  const queryClient = useQueryClient();
  const decide = useDecide(approvalId);
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState<Decision | null>(null);
  const id = useId();
  const form = useForm<DecisionInput>({
    resolver: zodResolver(decisionInputSchema),
    defaultValues: { decision: 'approve', comment: '' },
  });
  const { errors } = form.formState;
  const comment = form.watch('comment');
  const length = comment.trim().length;

  const submit = form.handleSubmit(async (values) => {
    setFormError(null);
    setPending(values.decision);
    try {
      await decide.mutateAsync(values);
      form.reset({ decision: 'approve', comment: '' });
      onDecided?.(values.decision);
    } catch (error) {
      const commentProblem = isApiError(error) ? error.fieldMessage('comment') : undefined;
      if (commentProblem) {
        form.setError('comment', { type: 'server', message: commentProblem }, { shouldFocus: true });
      } else if (isStaleDecision(error) && onRefused) {
        onRefused(decisionErrorMessage(error, t));
      } else {
        setFormError(decisionErrorMessage(error, t));
      }
      if (isStaleDecision(error)) {
        void queryClient.invalidateQueries({ queryKey: approvalKeys.detail(approvalId) });
      }
    } finally {
      setPending(null);
    }
  });

  function choose(decision: Decision) {
    form.setValue('decision', decision);
    form.clearErrors('comment');
    void submit();
  }

  const commentId = `${id}-comment`;
  const hintId = `${id}-hint`;
  const counterId = `${id}-counter`;
  const errorId = `${id}-error`;
  const commentError = message(errors.comment?.message);
  return (
    <form className="form decision-form" noValidate onSubmit={(event) => event.preventDefault()} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('approvals.decide.title')}</h2>
      {formError ? <Alert tone="error">{formError}</Alert> : null}
      <div className={['field', commentError ? 'field-invalid' : null].filter(Boolean).join(' ')}>
        <label htmlFor={commentId}>{t('approvals.decide.comment')}</label>
        <textarea
          id={commentId}
          rows={4}
          aria-invalid={commentError ? true : undefined}
          aria-describedby={[hintId, counterId, commentError ? errorId : null].filter(Boolean).join(' ')}
          {...form.register('comment')}
        />
        <p id={hintId} className="field-hint">
          {t('approvals.decide.commentHint')}
        </p>
        <p id={counterId} className={length > MAX_COMMENT ? 'field-hint counter counter-over' : 'field-hint counter'}>
          {t('approvals.decide.counter', { count: number(length) })}
        </p>
        {commentError ? (
          <p id={errorId} className="field-error">
            {commentError}
          </p>
        ) : null}
      </div>
      <div className="decision-actions">
        {BUTTONS.map((button) => (
          <Button
            key={button.decision}
            variant={button.variant}
            busy={pending === button.decision}
            disabled={pending !== null && pending !== button.decision}
            onClick={() => choose(button.decision)}
          >
            {t(button.label)}
          </Button>
        ))}
      </div>
    </form>
  );
}
