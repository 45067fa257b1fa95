import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import type { EgoNetwork } from '../api/network-types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorMessage, Loading } from './status.tsx';
import { TableScroll } from './table-scroll.tsx';

/**
 * An organisation's collaboration network at depth 1: its project partners and the number of
 * labelled projects shared with each (the weight of their tie), as a table rather than a drawing.
 */
export function EgoPartners({ organisationId }: { organisationId: number }) {
  const { t, tx, num } = useI18n();
  const ego = useApi<EgoNetwork>(`/network/organisations/${organisationId}/ego?depth=1`);
  const center = String(organisationId);
  const notInGraph = ego.error instanceof ApiError && ego.error.status === 404;
  const body = () => {
    if (notInGraph) return <p className="empty">{t('org.collaborationNone')}</p>;
    if (ego.error) return <ErrorMessage error={ego.error} onRetry={ego.reload} />;
    if (!ego.data) return <Loading />;
    const shared = new Map<string, number>();
    for (const e of ego.data.edges) {
      if (e.source === center) shared.set(e.target, e.weight);
      else if (e.target === center) shared.set(e.source, e.weight);
    }
    const partners = ego.data.nodes
      .filter((n) => shared.has(n.id))
      .sort((a, b) => (shared.get(b.id) ?? 0) - (shared.get(a.id) ?? 0) || a.label.localeCompare(b.label));
    if (partners.length === 0) return <p className="empty">{t('org.collaborationNone')}</p>;
    return (
      <TableScroll label={t('org.collaborationCaption')}>
        <table className="data-table ego-partners">
          <caption className="visually-hidden">{t('org.collaborationCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('pcol.partner')}</th>
              <th scope="col">{t('pcol.kind')}</th>
              <th scope="col" className="num">
                {t('org.sharedProjects')}
              </th>
            </tr>
          </thead>
          <tbody>
            {partners.map((n) => (
              <tr key={n.id}>
                <th scope="row" className="org-cell">
                  {/^\d+$/.test(n.id) ? <Link to={`/organisations/${n.id}`}>{n.label}</Link> : n.label}
                </th>
                <td>{tx(`kind.${n.kind}`)}</td>
                <td className="num">{num(shared.get(n.id))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    );
  };
  return (
    <section className="section" aria-labelledby="org-collaboration">
      <h2 id="org-collaboration">{t('org.collaboration')}</h2>
      <p>{t('org.collaborationIntro')}</p>
      {body()}
      {!notInGraph && ego.data && (
        <p className="section-actions">
          <Link to={`/reseau?focus=${organisationId}`}>{t('org.explore')}</Link>
        </p>
      )}
    </section>
  );
}
