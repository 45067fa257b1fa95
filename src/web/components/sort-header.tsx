import { useI18n } from '../i18n/i18n.tsx';

/**
 * A sortable column header: a button that flips the order, `aria-sort` on the active column. Sorts
 * are written as the API writes them, `column` ascending and `-column` descending.
 */
export function SortHeader<S extends string>({
  label,
  column,
  sort,
  onSort,
  firstDescending,
  className,
}: {
  label: string;
  column: string;
  sort: S;
  onSort: (s: S) => void;
  /** numbers and dates usually read best largest / newest first */
  firstDescending?: boolean;
  className?: string;
}) {
  const { t } = useI18n();
  const active = sort === column || sort === `-${column}`;
  const descending = sort === `-${column}`;
  const next = (active ? (descending ? column : `-${column}`) : firstDescending ? `-${column}` : column) as S;
  return (
    <th
      scope="col"
      className={className}
      aria-sort={active ? (descending ? 'descending' : 'ascending') : undefined}
    >
      <button type="button" className="sort-button" onClick={() => onSort(next)}>
        {label}
        <span className="sort-icon" aria-hidden="true">
          {active ? (descending ? '▼' : '▲') : '↕'}
        </span>
        {active && (
          <span className="visually-hidden"> ({t(descending ? 'sort.descending' : 'sort.ascending')})</span>
        )}
      </button>
    </th>
  );
}
