import { useId, useRef, useState } from 'react';
import type { PartnerRole } from '../api/project-types.ts';
import type { OrganisationSummary, Page } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useDebounced } from '../lib/use-debounced.ts';
import { FormField } from './form-field.tsx';
import { TableScroll } from './table-scroll.tsx';

/** One partner as the user edits it: amounts stay text until the form is sent. */
export interface PartnerRow {
  organisationId: number;
  name: string;
  kind: string | null;
  sizeClass: string | null;
  role: PartnerRole;
  budget: string;
  funding: string;
}

export const ROLES: PartnerRole[] = ['coordinator', 'partner', 'subcontractor'];

export const partnerFieldId = (i: number, field: 'role' | 'budget' | 'funding' | 'remove') =>
  `partner-${i}-${field}`;

function RegistrySearch({ taken, onAdd }: { taken: Set<number>; onAdd: (o: OrganisationSummary) => void }) {
  const { t, tx } = useI18n();
  const [q, setQ] = useState('');
  const query = useDebounced(q.trim(), 300);
  const found = useApi<Page<OrganisationSummary>>(
    query.length >= 2 ? `/organisations?q=${encodeURIComponent(query)}&pageSize=10` : null,
  );
  const items = query.length >= 2 ? (found.data?.items ?? []) : [];
  const resultsId = useId();
  return (
    <div className="registry-search">
      <FormField id="consortium-search" label={t('consortium.search')} hint={t('consortium.searchHint')}>
        {(p) => (
          <input
            {...p}
            type="search"
            autoComplete="off"
            aria-controls={resultsId}
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </FormField>
      <div id={resultsId}>
        <p className="visually-hidden" role="status">
          {query.length >= 2 && found.data && !found.loading
            ? t('consortium.found', { n: items.length })
            : ''}
        </p>
        {items.length > 0 && (
          <ul className="search-results" aria-label={t('consortium.results')}>
            {items.map((o) => (
              <li key={o.id}>
                <span>
                  <strong>{o.name}</strong>{' '}
                  <span className="muted">
                    {tx(`kind.${o.kind}`)}
                    {o.sizeClass ? ` · ${tx(`size.${o.sizeClass}`)}` : ''}
                    {o.municipalityName ? ` · ${o.municipalityName}` : ''}
                  </span>
                </span>
                <button
                  type="button"
                  className="button button-secondary button-small"
                  disabled={taken.has(o.id)}
                  onClick={() => onAdd(o)}
                >
                  {taken.has(o.id) ? t('consortium.already') : t('consortium.add')}
                  <span className="visually-hidden"> — {o.name}</span>
                </button>
              </li>
            ))}
          </ul>
        )}
        {query.length >= 2 && found.data && items.length === 0 && (
          <p className="muted">{t('consortium.none', { q: query })}</p>
        )}
      </div>
    </div>
  );
}

/**
 * The consortium: search the registry, add organisations with their role, budget and funding
 * requested, remove them. Exactly one coordinator: the first partner added coordinates, and making
 * another one coordinator turns the previous one into a partner (and says so).
 */
export function ConsortiumBuilder({
  partners,
  onChange,
  errors,
}: {
  partners: PartnerRow[];
  onChange: (rows: PartnerRow[]) => void;
  /** field errors by field id (partner-0-budget…) */
  errors: Record<string, string[]>;
}) {
  const { t, tx } = useI18n();
  const [message, setMessage] = useState('');
  const headingRef = useRef<HTMLHeadingElement>(null);
  const taken = new Set(partners.map((p) => p.organisationId));

  const add = (o: OrganisationSummary) => {
    const role: PartnerRole = partners.some((p) => p.role === 'coordinator') ? 'partner' : 'coordinator';
    onChange([
      ...partners,
      {
        organisationId: o.id,
        name: o.name,
        kind: o.kind,
        sizeClass: o.sizeClass,
        role,
        budget: '',
        funding: '',
      },
    ]);
    setMessage(t('consortium.added', { name: o.name, role: tx(`role.${role}`) }));
  };
  const setRow = (i: number, patch: Partial<PartnerRow>) => {
    let demoted: string | null = null;
    const rows = partners.map((p, j) => {
      if (j === i) return { ...p, ...patch };
      if (patch.role === 'coordinator' && p.role === 'coordinator') {
        demoted = p.name;
        return { ...p, role: 'partner' as const };
      }
      return p;
    });
    onChange(rows);
    if (demoted) setMessage(t('consortium.demoted', { name: demoted }));
  };
  const remove = (i: number) => {
    const gone = partners[i];
    onChange(partners.filter((_, j) => j !== i));
    setMessage(gone ? t('consortium.removed', { name: gone.name }) : '');
    headingRef.current?.focus();
  };
  const coordinators = partners.filter((p) => p.role === 'coordinator').length;

  return (
    <fieldset className="consortium">
      <legend>{t('consortium.legend')}</legend>
      <RegistrySearch taken={taken} onAdd={add} />
      <h3 id="consortium-partners" ref={headingRef} tabIndex={-1}>
        {t('consortium.partners', { n: partners.length })}
      </h3>
      <p className="visually-hidden" role="status">
        {message}
      </p>
      {errors.partners && (
        <p id="consortium-errors" className="field-error" tabIndex={-1}>
          {errors.partners.join(' ; ')}
        </p>
      )}
      {coordinators !== 1 && partners.length > 0 && (
        <p className="notice notice-warning">{t('consortium.oneCoordinator')}</p>
      )}
      {partners.length === 0 ? (
        <p className="muted">{t('consortium.empty')}</p>
      ) : (
        <TableScroll label={t('consortium.tableLabel')}>
          <table className="data-table consortium-table">
            <caption className="visually-hidden">{t('consortium.tableLabel')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('consortium.organisation')}</th>
                <th scope="col">{t('consortium.role')}</th>
                <th scope="col">{t('consortium.budget')}</th>
                <th scope="col">{t('consortium.funding')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p, i) => (
                <tr key={p.organisationId}>
                  <th scope="row">
                    {p.name}
                    <span className="muted small">
                      {' '}
                      {p.kind ? tx(`kind.${p.kind}`) : ''}
                      {p.sizeClass ? ` · ${tx(`size.${p.sizeClass}`)}` : ''}
                    </span>
                  </th>
                  <td>
                    <label className="visually-hidden" htmlFor={partnerFieldId(i, 'role')}>
                      {t('consortium.roleOf', { name: p.name })}
                    </label>
                    <select
                      id={partnerFieldId(i, 'role')}
                      value={p.role}
                      onChange={(e) => setRow(i, { role: e.target.value as PartnerRole })}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {tx(`role.${r}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  {(['budget', 'funding'] as const).map((f) => {
                    const id = partnerFieldId(i, f);
                    const errs = errors[id];
                    return (
                      <td key={f} className={errs ? 'has-error' : undefined}>
                        <label className="visually-hidden" htmlFor={id}>
                          {t(f === 'budget' ? 'consortium.budgetOf' : 'consortium.fundingOf', {
                            name: p.name,
                          })}
                        </label>
                        <input
                          id={id}
                          type="text"
                          inputMode="decimal"
                          size={12}
                          value={p[f]}
                          aria-invalid={errs ? true : undefined}
                          aria-describedby={errs ? `${id}-error` : undefined}
                          onChange={(e) => setRow(i, { [f]: e.target.value })}
                        />
                        {errs && (
                          <span id={`${id}-error`} className="field-error">
                            {errs.join(' ; ')}
                          </span>
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <button
                      id={partnerFieldId(i, 'remove')}
                      type="button"
                      className="button button-danger-quiet button-small"
                      onClick={() => remove(i)}
                    >
                      {t('consortium.remove')}
                      <span className="visually-hidden"> — {p.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </fieldset>
  );
}
