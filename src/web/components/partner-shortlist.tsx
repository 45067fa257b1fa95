import { useId } from 'react';
import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { downloadText } from '../lib/csv.ts';
import { shortlistCsv, type useShortlist } from '../lib/shortlist.ts';
import { TableScroll } from './table-scroll.tsx';

/** The partner shortlist: a table, remove buttons, and a CSV download for Belgian Excel. */
export function Shortlist({ shortlist }: { shortlist: ReturnType<typeof useShortlist> }) {
  const { t, tx, num } = useI18n();
  const id = useId();
  const { items } = shortlist;
  const download = () => {
    const csv = shortlistCsv(
      items,
      [
        t('partners.csv.id'),
        t('partners.csv.name'),
        t('partners.csv.kind'),
        t('partners.csv.size'),
        t('partners.csv.networks'),
        t('partners.csv.score'),
      ],
      {
        kind: (k) => tx(`kind.${k}`),
        size: (s) => (s ? tx(`size.${s}`) : ''),
        // decimal comma whatever the language: Belgian Excel reads it as a number
        score: (n) => n.toFixed(3).replace('.', ','),
      },
    );
    downloadText('partenaires.csv', csv);
  };
  return (
    <section className="shortlist" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('partners.shortlist', { n: items.length })}</h2>
      {items.length === 0 ? (
        <p className="muted">{t('partners.shortlistEmpty')}</p>
      ) : (
        <>
          <TableScroll label={t('partners.shortlistTable')}>
            <table className="data-table">
              <caption className="visually-hidden">{t('partners.shortlistTable')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('partners.csv.name')}</th>
                  <th scope="col">{t('partners.csv.kind')}</th>
                  <th scope="col">{t('partners.csv.score')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((i) => (
                  <tr key={i.organisationId}>
                    <th scope="row">
                      <Link to={`/organisations/${i.organisationId}`}>{i.name}</Link>
                    </th>
                    <td>{tx(`kind.${i.kind}`)}</td>
                    <td>{num(i.score, 3)}</td>
                    <td>
                      <button
                        type="button"
                        className="button button-danger-quiet button-small"
                        onClick={() => shortlist.remove(i.organisationId)}
                      >
                        {t('partners.remove')}
                        <span className="visually-hidden"> — {i.name}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          <div className="form-actions">
            <button type="button" className="button button-secondary" onClick={download}>
              {t('partners.downloadCsv')}
            </button>
            <button type="button" className="button button-danger-quiet" onClick={shortlist.clear}>
              {t('partners.clear')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
