import { Link } from 'react-router';
import type { ProjectDetail, ProjectPartner } from '../api/project-types.ts';
import type { Province } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { TableScroll } from './table-scroll.tsx';

function PartnerName({ p }: { p: ProjectPartner }) {
  const { t } = useI18n();
  if (p.organisationId) return <Link to={`/organisations/${p.organisationId}`}>{p.name}</Link>;
  return (
    <>
      {p.name}
      <span className="muted">
        {p.externalId ? `PIC ${p.externalId} · ` : ''}
        {t('project.outsideRegistry')}
      </span>
    </>
  );
}

/**
 * The consortium: partner, role, kind, size, province and public funding granted. Budgets and
 * requested funding are confidential: their columns appear only when the server sent them.
 */
export function ConsortiumTable({ partners }: { partners: ProjectPartner[] }) {
  const { t, tx, eur, lang } = useI18n();
  const provinces = useApi<{ items: Province[] }>('/reference/provinces');
  const provinceName = new Map((provinces.data?.items ?? []).map((p) => [p.nis, p[lang]]));
  const showBudget = partners.some((p) => p.budgetEur !== undefined);
  const showRequested = partners.some((p) => p.fundingRequestedEur !== undefined);
  const sum = (f: (p: ProjectPartner) => number | null | undefined) =>
    partners.reduce((s, p) => s + (f(p) ?? 0), 0);
  return (
    <TableScroll label={t('project.consortiumCaption')}>
      <table className="data-table consortium">
        <caption className="visually-hidden">{t('project.consortiumCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('pcol.partner')}</th>
            <th scope="col">{t('pcol.role')}</th>
            <th scope="col">{t('pcol.kind')}</th>
            <th scope="col">{t('pcol.size')}</th>
            <th scope="col">{t('org.province')}</th>
            {showBudget && (
              <th scope="col" className="num">
                {t('pcol.budget')}
              </th>
            )}
            {showRequested && (
              <th scope="col" className="num">
                {t('pcol.requested')}
              </th>
            )}
            <th scope="col" className="num">
              {t('pcol.granted')}
            </th>
          </tr>
        </thead>
        <tbody>
          {partners.map((p, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: partners carry no id of their own and never reorder
            <tr key={`${p.organisationId ?? p.externalId ?? p.name}-${p.role}-${i}`}>
              <th scope="row" className="org-cell">
                <PartnerName p={p} />
              </th>
              <td>{tx(`role.${p.role}`)}</td>
              <td>{p.kind ? tx(`kind.${p.kind}`) : (p.externalKind ?? '—')}</td>
              <td>{p.sizeClass ? tx(`size.${p.sizeClass}`) : '—'}</td>
              <td>{p.provinceNis ? (provinceName.get(p.provinceNis) ?? p.provinceNis) : '—'}</td>
              {showBudget && <td className="num nowrap">{eur(p.budgetEur)}</td>}
              {showRequested && <td className="num nowrap">{eur(p.fundingRequestedEur)}</td>}
              <td className="num nowrap">{eur(p.fundingGrantedEur)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row" colSpan={5}>
              {t('project.total')}
            </th>
            {showBudget && <td className="num nowrap">{eur(sum((p) => p.budgetEur))}</td>}
            {showRequested && <td className="num nowrap">{eur(sum((p) => p.fundingRequestedEur))}</td>}
            <td className="num nowrap">{eur(sum((p) => p.fundingGrantedEur))}</td>
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

/** Public funding granted to the consortium, per year (the partners' yearly amounts added up). */
export function FundingByYear({ rows }: { rows: ProjectDetail['fundingByYear'] }) {
  const { t, eur } = useI18n();
  const byYear = new Map<number, number>();
  for (const r of rows) byYear.set(r.year, (byYear.get(r.year) ?? 0) + r.amountEur);
  const years = [...byYear.keys()].sort((a, b) => a - b);
  const max = Math.max(1, ...byYear.values());
  return (
    <table className="data-table breakdown">
      <caption>{t('project.fundingByYearCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('project.year')}</th>
          <th scope="col" className="num">
            {t('project.amount')}
          </th>
        </tr>
      </thead>
      <tbody>
        {years.map((y) => (
          <tr key={y}>
            <th scope="row">
              <span className="breakdown-label">{y}</span>
              <span className="bar" aria-hidden="true">
                <span style={{ width: `${(100 * (byYear.get(y) ?? 0)) / max}%` }} />
              </span>
            </th>
            <td className="num nowrap">{eur(byYear.get(y))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const OUTCOMES = [
  ['Jobs', 'outcomes.jobs'],
  ['Patents', 'outcomes.patents'],
  ['Products', 'outcomes.products'],
  ['Spinoffs', 'outcomes.spinoffs'],
] as const;

/** Jobs, patents, products and spin-offs: promised at submission, reported at closure. */
export function ProjectOutcomes({ p }: { p: ProjectDetail }) {
  const { t, num } = useI18n();
  return (
    <table className="data-table compact">
      <caption>{t('project.outcomesCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('project.outcome')}</th>
          <th scope="col" className="num">
            {t('project.promised')}
          </th>
          <th scope="col" className="num">
            {t('project.actual')}
          </th>
        </tr>
      </thead>
      <tbody>
        {OUTCOMES.map(([k, label]) => {
          const actual = p[`actual${k}`];
          return (
            <tr key={k}>
              <th scope="row">{t(label)}</th>
              <td className="num">{num(p[`promised${k}`])}</td>
              <td className="num">
                {actual == null ? <span className="muted">{t('project.notReported')}</span> : num(actual)}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** The lifecycle journal (status changes), for those allowed to read it. */
export function ProjectJournal({ transitions }: { transitions: NonNullable<ProjectDetail['transitions']> }) {
  const { t, tx, date } = useI18n();
  if (transitions.length === 0) return <p className="empty">{t('project.journalNone')}</p>;
  return (
    <TableScroll label={t('project.journalCaption')}>
      <table className="data-table journal">
        <caption className="visually-hidden">{t('project.journalCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('project.journalDate')}</th>
            <th scope="col">{t('project.journalChange')}</th>
            <th scope="col">{t('project.journalNote')}</th>
            <th scope="col">{t('project.journalBy')}</th>
          </tr>
        </thead>
        <tbody>
          {transitions.map((tr) => (
            <tr key={`${tr.at}-${tr.toStatus}`}>
              <th scope="row" className="nowrap">
                {date(tr.at)}
              </th>
              <td>
                {tr.fromStatus ? tx(`status.${tr.fromStatus}`) : t('project.created')} →{' '}
                {tx(`status.${tr.toStatus}`)}
              </td>
              <td>{tr.note ?? '—'}</td>
              <td>{tr.userEmail ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
