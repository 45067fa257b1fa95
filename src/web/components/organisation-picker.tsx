import { useId, useState } from 'react';
import type { OrganisationSummary, Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebounced } from '../lib/use-debounced.ts';

export interface PickedOrganisation {
  id: number;
  name: string;
}

/** Pick organisations from the registry (the current consortium of an idea): search, add, remove. */
export function OrganisationPicker({
  picked,
  onChange,
}: {
  picked: PickedOrganisation[];
  onChange: (list: PickedOrganisation[]) => void;
}) {
  const { t, tx } = useI18n();
  const id = useId();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const found = useApi<Page<OrganisationSummary>>(
    query.length >= 2 ? `/organisations?q=${encodeURIComponent(query)}&pageSize=8` : null,
  );
  const items = query.length >= 2 ? (found.data?.items ?? []) : [];
  const taken = new Set(picked.map((p) => p.id));
  return (
    <fieldset className="organisation-picker">
      <legend>{t('partners.consortium')}</legend>
      <p className="hint" id={`${id}-hint`}>
        {t('partners.consortiumHint')}
      </p>
      {picked.length > 0 && (
        <ul aria-label={t('partners.consortiumList')}>
          {picked.map((p) => (
            <li key={p.id}>
              {p.name}{' '}
              <button
                type="button"
                className="button button-danger-quiet button-small"
                onClick={() => onChange(picked.filter((x) => x.id !== p.id))}
              >
                {t('partners.remove')}
                <span className="visually-hidden"> — {p.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="field">
        <label htmlFor={`${id}-q`}>{t('partners.consortiumSearch')}</label>
        <input
          id={`${id}-q`}
          type="search"
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      {items.length > 0 && (
        <ul className="search-results" aria-label={t('partners.consortiumFound')}>
          {items.map((o) => (
            <li key={o.id}>
              <span>
                <strong>{o.name}</strong> <span className="muted">{tx(`kind.${o.kind}`)}</span>
              </span>
              <button
                type="button"
                className="button button-secondary button-small"
                disabled={taken.has(o.id)}
                onClick={() => {
                  onChange([...picked, { id: o.id, name: o.name }]);
                  setQ('');
                }}
              >
                {t('partners.addToConsortium')}
                <span className="visually-hidden"> — {o.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
