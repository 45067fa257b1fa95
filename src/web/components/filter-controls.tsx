import { useI18n } from '../i18n/i18n.tsx';

/** A filter select that applies at once; the empty value ("all …") comes first. */
export function FilterSelect({
  id,
  label,
  all,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  all: string;
  value: string;
  /** [value, text] pairs */
  options: [string, string][];
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * A maker of FilterSelects bound to one filter object: each select has the id `${idPrefix}-${key}`,
 * shows `filters[key]` and applies `{ [key]: value }` at once.
 */
export function filterSelects<K extends string>(
  idPrefix: string,
  filters: Partial<Record<K, string>>,
  onApply: (changes: Partial<Record<K, string>>) => void,
) {
  return (key: K, label: string, all: string, options: [string, string][]) => (
    <FilterSelect
      id={`${idPrefix}-${key}`}
      label={label}
      all={all}
      value={filters[key] ?? ''}
      options={options}
      onChange={(value) => onApply({ [key]: value } as Partial<Record<K, string>>)}
    />
  );
}

/** A date filter, applied when its form is submitted; the hint, if any, follows the input. */
export function DateFilter({
  id,
  label,
  value,
  min,
  hint,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  min: string;
  hint?: string;
  onChange: (value: string) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        value={value}
        min={min}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <span id={`${id}-hint`} className="hint">
          {hint}
        </span>
      )}
    </div>
  );
}

/** The Filter (submit) and Reset buttons that end a filter form. */
export function FilterActions({ onReset }: { onReset: () => void }) {
  const { t } = useI18n();
  return (
    <div className="filter-actions">
      <button type="submit" className="button button-primary">
        {t('filters.apply')}
      </button>
      <button type="button" className="button button-link" onClick={onReset}>
        {t('filters.reset')}
      </button>
    </div>
  );
}
