import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

/**
 * A labelled control with its hint and its errors; `children` receives the ids and ARIA
 * attributes to put on the control.
 */
export function FormField({
  id,
  label,
  hint,
  errors,
  required,
  className,
  describedBy,
  invalid,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[];
  required?: boolean;
  className?: string;
  /** the id of a message shown elsewhere (outside the field) that describes the control */
  describedBy?: string;
  /** mark the control invalid though `errors` is empty (the error is shown elsewhere) */
  invalid?: boolean;
  children: (props: ControlProps) => ReactNode;
}) {
  const { t } = useI18n();
  const describedByIds = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null, describedBy]
    .filter(Boolean)
    .join(' ');
  const props: ControlProps = { id };
  if (describedByIds) props['aria-describedby'] = describedByIds;
  if (errors?.length || invalid) props['aria-invalid'] = true;
  if (required) props['aria-required'] = true;
  return (
    <div className={`field${errors?.length ? ' has-error' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
      {errors && errors.length > 0 && (
        <span id={`${id}-error`} className="field-error">
          {errors.join(' ; ')}
        </span>
      )}
      {children(props)}
    </div>
  );
}
