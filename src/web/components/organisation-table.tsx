import { Link } from 'react-router';
import type { OrganisationSummary, Province } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatNace, type Sort } from '../lib/organisation-query.ts';
import { SortHeader } from './sort-header.tsx';

interface Props {
  items: OrganisationSummary[];
  sort: Sort;
  onSort: (sort: Sort) => void;
  provinces: Province[];
  /** slug → display name; when given, a Networks column is shown */
  networkNames?: Map<string, string>;
  caption: string;
}

export function OrganisationTable({ items, sort, onSort, provinces, networkNames, caption }: Props) {
  const { t, tx, num, lang } = useI18n();
  const provinceName = new Map(provinces.map((p) => [p.nis, p[lang]]));
  return (
    <table className="data-table organisations">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <SortHeader label={t('col.name')} column="name" sort={sort} onSort={onSort} />
          <th scope="col">{t('col.kind')}</th>
          <th scope="col">{t('col.size')}</th>
          <SortHeader
            label={t('col.headcount')}
            column="headcount"
            sort={sort}
            onSort={onSort}
            firstDescending
            className="num"
          />
          <th scope="col">{t('col.municipality')}</th>
          <th scope="col">{t('col.nace')}</th>
          {networkNames && <th scope="col">{t('col.networks')}</th>}
        </tr>
      </thead>
      <tbody>
        {items.map((o) => (
          <tr key={o.id}>
            <th scope="row" className="org-cell">
              <Link to={`/organisations/${o.id}`}>{o.name}</Link>
              {o.enterpriseNumber && <span className="muted mono">{o.enterpriseNumber}</span>}
            </th>
            <td>{tx(`kind.${o.kind}`)}</td>
            <td>{o.sizeClass ? tx(`size.${o.sizeClass}`) : <span className="muted">—</span>}</td>
            <td className="num">{num(o.headcount)}</td>
            <td>
              {o.municipalityName ?? <span className="muted">—</span>}
              {o.provinceNis && provinceName.has(o.provinceNis) && (
                <span className="muted">{provinceName.get(o.provinceNis)}</span>
              )}
            </td>
            <td className="mono">{o.naceCodes.slice(0, 3).map(formatNace).join(', ') || '—'}</td>
            {networkNames && <td>{o.networks.map((s) => networkNames.get(s) ?? s).join(', ') || '—'}</td>}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
