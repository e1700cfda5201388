import { Controller, useFormContext, useWatch } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/fields';
import { useI18n } from '@/lib/i18n/i18n-provider';
import { APPROVER_ROLES, MODES, TIMEOUT_ACTIONS } from '../api/types';
import { ApproverPicker } from './approver-picker';
import type { PolicyFormValues } from './policy-form-schema';
import { SelectField } from './select-field';

type Props = {
  index: number;
  /** The stage's stable key (it keeps it while moving). */
  stageKey: string;
  count: number;
  idPrefix: string;
  onMove: (from: number, to: number) => void;
  onRemove: (index: number) => void;
};

/** One stage of the policy: name, who approves, mode, timeout and minimum, with its move/remove actions. */
export function StageFields({ index, stageKey, count, idPrefix, onMove, onRemove }: Props) {
  const { t, message } = useI18n();
  const { register, control, formState } = useFormContext<PolicyFormValues>();
  const errors = formState.errors.stages?.[index];
  const kind = useWatch({ control, name: `stages.${index}.approverKind` });
  const number = index + 1;
  const legendId = `${idPrefix}-stage-${index}`;
  const kindError = message(errors?.approverKind?.message);

  return (
    <li className="stage-editor card">
      <fieldset aria-labelledby={legendId}>
        <div className="stage-editor-head">
          <h3 id={legendId}>{t('policies.form.stage', { number })}</h3>
          <div className="stage-editor-actions">
            <Button
              variant="ghost"
              className="btn-small"
              id={`${idPrefix}-stage-${index}-up`}
              disabled={index === 0}
              aria-label={t('policies.form.moveUpOf', { number })}
              onClick={() => onMove(index, index - 1)}
            >
              <span aria-hidden="true">↑</span> {t('policies.form.moveUp')}
            </Button>
            <Button
              variant="ghost"
              className="btn-small"
              id={`${idPrefix}-stage-${index}-down`}
              disabled={index === count - 1}
              aria-label={t('policies.form.moveDownOf', { number })}
              onClick={() => onMove(index, index + 1)}
            >
              <span aria-hidden="true">↓</span> {t('policies.form.moveDown')}
            </Button>
            <Button
              variant="ghost"
              className="btn-small"
              disabled={count === 1}
              aria-label={t('policies.form.removeOf', { number })}
              onClick={() => onRemove(index)}
            >
              {t('policies.form.remove')}
            </Button>
          </div>
        </div>
        <div className="form-grid">
          <TextField
            label={t('policies.form.stageName')}
            className="span-2"
            error={message(errors?.name?.message)}
            {...register(`stages.${index}.name`)}
          />
          <fieldset className={kindError ? 'choice-group span-2 field-invalid' : 'choice-group span-2'}>
            <legend>{t('policies.form.approvers')}</legend>
            <Controller
              control={control}
              name={`stages.${index}.approverKind`}
              render={({ field }) => (
                <>
                  {(['role', 'users'] as const).map((value) => (
                    <label className="checkbox" key={value}>
                      <input
                        type="radio"
                        // The group is named after the stage itself, not its position: while stages
                        // move, two positions never share a radio group for a moment.
                        name={`${idPrefix}-kind-${stageKey}`}
                        value={value}
                        checked={field.value === value}
                        onChange={() => field.onChange(value)}
                        onBlur={field.onBlur}
                        ref={value === 'role' ? field.ref : undefined}
                      />
                      {t(value === 'role' ? 'policies.form.byRole' : 'policies.form.byUsers')}
                    </label>
                  ))}
                </>
              )}
            />
            {kindError ? <p className="field-error">{kindError}</p> : null}
          </fieldset>
          {kind === 'role' ? (
            <SelectField
              label={t('policies.form.role')}
              className="span-2"
              error={message(errors?.approverRole?.message)}
              options={APPROVER_ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
              {...register(`stages.${index}.approverRole`)}
            />
          ) : (
            <div className="span-2">
              <Controller
                control={control}
                name={`stages.${index}.approverIds`}
                render={({ field, fieldState }) => (
                  <ApproverPicker
                    stageNumber={number}
                    value={field.value}
                    onChange={field.onChange}
                    error={message(fieldState.error?.message)}
                  />
                )}
              />
            </div>
          )}
          <SelectField
            label={t('policies.form.mode')}
            error={message(errors?.mode?.message)}
            options={MODES.map((mode) => ({ value: mode, label: t(`policies.form.mode.${mode}`) }))}
            {...register(`stages.${index}.mode`)}
          />
          <TextField
            label={t('policies.form.stageMinAmount')}
            inputMode="decimal"
            hint={t('policies.form.stageMinAmountHint')}
            error={message(errors?.minAmount?.message)}
            {...register(`stages.${index}.minAmount`)}
          />
          <TextField
            label={t('policies.form.timeoutHours')}
            inputMode="numeric"
            hint={t('policies.form.timeoutHint')}
            error={message(errors?.timeoutHours?.message)}
            {...register(`stages.${index}.timeoutHours`)}
          />
          <SelectField
            label={t('policies.form.onTimeout')}
            error={message(errors?.onTimeout?.message)}
            options={TIMEOUT_ACTIONS.map((action) => ({ value: action, label: t(`policies.form.onTimeout.${action}`) }))}
            {...register(`stages.${index}.onTimeout`)}
          />
        </div>
      </fieldset>
    </li>
  );
}
