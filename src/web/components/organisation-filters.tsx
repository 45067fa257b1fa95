import { type FormEvent, useEffect, useId, useState } from 'react';
import {
  type NaceCode,
  type Network,
  ORGANISATION_KINDS,
  type Province,
  SIZE_CLASSES,
} from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { type Filters, NACE_PATTERN } from '../lib/organisation-query.ts';
import { DateFilter, FilterActions, filterSelects } from './filter-controls.tsx';

interface Props {
  filters: Filters;
  /** apply changed filters (the page goes back to 1) */
  onApply: (changes: Filters) => void;
  onReset: () => void;
  /** offer a network select (search page); absent on a network's page */
  networks?: Network[];
}

/**
 * The organisation filters. Selects apply at once; text and date fields apply when the form is
 * submitted (Enter or the Filter button), so typing does not fire a request per key.
 */
export function OrganisationFilters({ filters, onApply, onReset, networks }: Props) {
  const { t, tx, lang } = useI18n();
  const id = useId();
  const provinces = useApi<{ items: Province[] }>('/reference/provinces');
  const sections = useApi<{ items: NaceCode[] }>('/reference/nace?level=1&limit=30');
  const [q, setQ] = useState(filters.q ?? '');
  const [nace, setNace] = useState(filters.nace ?? '');
  const [asOf, setAsOf] = useState(filters.asOf ?? '');
  const [naceError, setNaceError] = useState<string | null>(null);

  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setNace(filters.nace ?? ''), [filters.nace]);
  useEffect(() => setAsOf(filters.asOf ?? ''), [filters.asOf]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = nace.trim();
    if (n && !NACE_PATTERN.test(n)) {
      setNaceError(t('filters.naceHint'));
      return;
    }
    setNaceError(null);
    onApply({ q: q.trim(), nace: n, asOf });
  };

  const select = filterSelects(id, filters, onApply);

  const sectionLabel = (s: NaceCode) =>
    (lang === 'en' ? s.labelEn : lang === 'nl' ? s.labelNl : lang === 'de' ? s.labelDe : null) ?? s.labelFr;

  return (
    <form className="filters" aria-label={t('filters.label')} onSubmit={submit}>
      <div className="field field-wide">
        <label htmlFor={`${id}-q`}>{t('filters.q')}</label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          maxLength={200}
        />
      </div>
      {networks &&
        select(
          'network',
          t('filters.network'),
          t('filters.allNetworks'),
          networks.map((n) => [n.slug, n.name]),
        )}
      {select(
        'kind',
        t('filters.kind'),
        t('filters.allKinds'),
        ORGANISATION_KINDS.map((k) => [k, tx(`kind.${k}`)]),
      )}
      {select(
        'province',
        t('filters.province'),
        t('filters.allProvinces'),
        (provinces.data?.items ?? []).map((p) => [p.nis, p[lang]]),
      )}
      {select(
        'size',
        t('filters.size'),
        t('filters.allSizes'),
        SIZE_CLASSES.map((s) => [s, tx(`size.${s}`)]),
      )}
      <div className="field">
        <label htmlFor={`${id}-nace`}>{t('filters.nace')}</label>
        <input
          id={`${id}-nace`}
          type="text"
          value={nace}
          list={`${id}-nace-list`}
          aria-describedby={`${id}-nace-hint`}
          aria-invalid={naceError ? true : undefined}
          onChange={(e) => setNace(e.target.value)}
          maxLength={7}
        />
        <span id={`${id}-nace-hint`} className={naceError ? 'field-error' : 'hint'}>
          {t('filters.naceHint')}
        </span>
        <datalist id={`${id}-nace-list`}>
          {(sections.data?.items ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {`${s.code} — ${sectionLabel(s)}`}
            </option>
          ))}
        </datalist>
      </div>
      <DateFilter
        id={`${id}-asOf`}
        label={t('filters.asOf')}
        value={asOf}
        min="2000-01-01"
        onChange={setAsOf}
      />
      <FilterActions onReset={onReset} />
    </form>
  );
}
