import { type FormEvent, useEffect, useId, useState } from 'react';
import { LABELLED_STATUSES, PROJECT_SOURCES, PROJECT_STATUSES, PROJECT_TYPES } from '../api/project-types.ts';
import type { Network } from '../api/types.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { yearOptions } from '../lib/membership-query.ts';
import type { ProjectFilters as Filters } from '../lib/project-query.ts';
import { FilterActions, filterSelects } from './filter-controls.tsx';

/**
 * The project filters. Selects apply at once; the text applies on submit. The status list offers
 * the public what it may see (labelled projects); signed-in users get the whole lifecycle.
 */
export function ProjectFilters({
  filters,
  networks,
  onApply,
  onReset,
}: {
  filters: Filters;
  networks: Network[];
  onApply: (changes: Filters) => void;
  onReset: () => void;
}) {
  const { t, tx } = useI18n();
  const { me } = useAuth();
  const id = useId();
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  const select = filterSelects(id, filters, onApply);
  const statuses = me.email ? PROJECT_STATUSES : LABELLED_STATUSES;
  const years = yearOptions(new Date().getFullYear() + 1, [filters.year]);
  return (
    <form
      className="filters"
      aria-label={t('projects.filters')}
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onApply({ q: q.trim() });
      }}
    >
      <div className="field field-wide">
        <label htmlFor={`${id}-q`}>{t('projects.q')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={200}
        />
      </div>
      {select(
        'status',
        t('projects.status'),
        t('projects.allLabelled'),
        // "labelled" already means every labelled project: the first, empty choice
        statuses.filter((s) => s !== 'labelled').map((s) => [s, tx(`status.${s}`)]),
      )}
      {select(
        'network',
        t('filters.network'),
        t('filters.allNetworks'),
        networks.map((n) => [n.slug, n.name]),
      )}
      {select(
        'type',
        t('projects.type'),
        t('projects.allTypes'),
        PROJECT_TYPES.map((k) => [k, tx(`ptype.${k}`)]),
      )}
      {select(
        'year',
        t('projects.year'),
        t('projects.anyYear'),
        years.map((y) => [String(y), String(y)]),
      )}
      {select(
        'source',
        t('projects.source'),
        t('projects.allSources'),
        PROJECT_SOURCES.map((s) => [s, tx(`source.${s}`)]),
      )}
      <FilterActions onReset={onReset} />
    </form>
  );
}
