import {
  forwardRef,
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

type Described = { label: string; error?: string | undefined; hint?: string | undefined };

function useDescribed(id: string | undefined, hint: string | undefined, error: string | undefined) {
  const generated = useId();
  const fieldId = id ?? generated;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return { fieldId, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Messages({
  hint,
  hintId,
  error,
  errorId,
}: {
  hint?: string | undefined;
  hintId?: string | undefined;
  error?: string | undefined;
  errorId?: string | undefined;
}) {
  return (
    <>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          {error}
        </p>
      ) : null}
    </>
  );
}

/** A labelled input whose hint and error are announced and tied to it (aria-invalid, aria-describedby). */
export const TextField = forwardRef<HTMLInputElement, InputHTMLAttributes<HTMLInputElement> & Described>(function TextField(
  { label, error, hint, id, className, ...rest },
  ref,
) {
  const { fieldId, hintId, errorId, describedBy } = useDescribed(id, hint, error);
  return (
    <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId}>{label}</label>
      <input ref={ref} id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
});

/** A labelled select whose error is announced and tied to it; its choices as `options` or as children. */
export const SelectField = forwardRef<
  HTMLSelectElement,
  SelectHTMLAttributes<HTMLSelectElement> &
    Described & { options?: readonly { value: string; label: string }[]; children?: ReactNode }
>(function SelectField({ label, error, hint, id, className, options, children, ...rest }, ref) {
  const { fieldId, hintId, errorId, describedBy } = useDescribed(id, hint, error);
  return (
    <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId}>{label}</label>
      <select ref={ref} id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest}>
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {children}
      </select>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
});

/** A labelled textarea whose hint and error are announced and tied to it. */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextareaHTMLAttributes<HTMLTextAreaElement> & Described>(
  function TextAreaField({ label, error, hint, id, className, ...rest }, ref) {
    const { fieldId, hintId, errorId, describedBy } = useDescribed(id, hint, error);
    return (
      <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
        <label htmlFor={fieldId}>{label}</label>
        <textarea ref={ref} id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
        <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
      </div>
    );
  },
);
