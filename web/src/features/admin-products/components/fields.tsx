import { forwardRef, useId, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

type Described = { label: string; error?: string | undefined; hint?: string | undefined };

function useDescribed(id: string | undefined, hint: string | undefined, error: string | undefined) {
  const generated = useId();
  const fieldId = id ?? generated;
  const hintId = hint ? `${fieldId}-hint` : undefined;
  const errorId = error ? `${fieldId}-error` : undefined;
  return { fieldId, hintId, errorId, describedBy: [hintId, errorId].filter(Boolean).join(' ') || undefined };
}

function Messages({ hint, hintId, error, errorId }: { hint?: string | undefined; hintId?: string | undefined; error?: string | undefined; errorId?: string | undefined }) {
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

/** A labelled select whose error is announced and tied to it, like TextField. */
export const SelectField = forwardRef<
  HTMLSelectElement,
  SelectHTMLAttributes<HTMLSelectElement> & Described & { children: ReactNode }
>(function SelectField({ label, error, hint, id, className, children, ...rest }, ref) {
  const { fieldId, hintId, errorId, describedBy } = useDescribed(id, hint, error);
  return (
    <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={fieldId}>{label}</label>
      <select ref={ref} id={fieldId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest}>
        {children}
      </select>
      <Messages hint={hint} hintId={hintId} error={error} errorId={errorId} />
    </div>
  );
});

/** A labelled textarea whose error is announced and tied to it, like TextField. */
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
