import { type ReactNode, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, send } from '../api/client.ts';
import type { NaceCode, OrganisationDetail, Province } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { ConfirmDialog } from '../components/confirm-dialog.tsx';
import { EgoPartners } from '../components/ego-partners.tsx';
import { MembershipsSection } from '../components/memberships-section.tsx';
import { OrganisationProjects } from '../components/organisation-projects.tsx';
import { PeopleSection } from '../components/people-section.tsx';
import { SimilarOrganisations } from '../components/similar-organisations.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { formatNace } from '../lib/organisation-query.ts';
import { useFlash } from '../lib/use-flash.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="field-row">
      <dt>{label}</dt>
      <dd>{children == null || children === false || children === '' ? '—' : children}</dd>
    </div>
  );
}

function NaceItem({ code }: { code: string }) {
  const { lang } = useI18n();
  const found = useApi<{ items: NaceCode[] }>(`/reference/nace?q=${encodeURIComponent(code)}&limit=1`);
  const item = found.data?.items.find((c) => c.code === code);
  const translated = item && { fr: null, en: item.labelEn, nl: item.labelNl, de: item.labelDe }[lang];
  const label = item ? (translated ?? item.labelFr) : null;
  return (
    <li>
      <span className="mono">{formatNace(code)}</span>
      {label && <span> — {label}</span>}
    </li>
  );
}

function Details({ org }: { org: OrganisationDetail }) {
  const { t, tx, num, eur, lang } = useI18n();
  const provinces = useApi<{ items: Province[] }>('/reference/provinces');
  const province = provinces.data?.items.find((p) => p.nis === org.provinceNis);
  return (
    <div className="grid-3 section">
      <section className="card" aria-labelledby="org-identity">
        <h2 id="org-identity">{t('org.identity')}</h2>
        <dl className="fields">
          <Field label={t('org.enterpriseNumber')}>
            {org.enterpriseNumber && <span className="mono">{org.enterpriseNumber}</span>}
          </Field>
          <Field label={t('org.kind')}>{tx(`kind.${org.kind}`)}</Field>
          <Field label={t('org.legalForm')}>{org.legalForm}</Field>
          <Field label={t('org.size')}>{org.sizeClass && tx(`size.${org.sizeClass}`)}</Field>
          <Field label={t('org.headcount')}>{org.headcount != null && num(org.headcount)}</Field>
          <Field label={t('org.turnover')}>{org.turnoverEur != null && eur(org.turnoverEur)}</Field>
          <Field label={t('org.balance')}>{org.balanceSheetEur != null && eur(org.balanceSheetEur)}</Field>
        </dl>
      </section>
      <section className="card" aria-labelledby="org-location">
        <h2 id="org-location">{t('org.location')}</h2>
        <dl className="fields">
          <Field label={t('org.address')}>
            {(org.address || org.postcode || org.municipalityName) && (
              <address>
                {org.address}
                {org.address && <br />}
                {[org.postcode, org.municipalityName].filter(Boolean).join(' ')}
              </address>
            )}
          </Field>
          <Field label={t('org.municipality')}>
            {org.municipalityName &&
              `${org.municipalityName}${org.municipalityNis ? ` (NIS ${org.municipalityNis})` : ''}`}
          </Field>
          <Field label={t('org.province')}>{province ? province[lang] : org.provinceNis}</Field>
          <Field label={t('org.website')}>
            {org.website && (
              <a href={org.website} target="_blank" rel="noreferrer">
                {org.website.replace(/^https?:\/\//, '')}
                <span className="visually-hidden"> {t('common.newWindow')}</span>
              </a>
            )}
          </Field>
        </dl>
      </section>
      <section className="card" aria-labelledby="org-activity">
        <h2 id="org-activity">{t('org.activity')}</h2>
        <dl className="fields">
          <Field label={t('org.nace')}>
            {org.naceCodes.length > 0 && (
              <ul className="plain-list">
                {org.naceCodes.map((c) => (
                  <NaceItem key={c} code={c} />
                ))}
              </ul>
            )}
          </Field>
          <Field label={t('org.keywords')}>
            {org.keywords.length > 0 && (
              <ul className="tag-list">
                {org.keywords.map((k) => (
                  <li key={k} className="tag">
                    {k}
                  </li>
                ))}
              </ul>
            )}
          </Field>
          <Field label={t('org.description')}>{org.description}</Field>
        </dl>
      </section>
    </div>
  );
}

export function OrganisationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { t, tx, date } = useI18n();
  const org = useApi<OrganisationDetail>(/^\d+$/.test(id) ? `/organisations/${id}` : null);
  const o = org.data?.id === Number(id) ? org.data : undefined;
  usePageTitle(o?.name);
  const flash = useFlash();
  const [deleting, setDeleting] = useState(false);

  if (!/^\d+$/.test(id) || (org.error instanceof ApiError && org.error.status === 404))
    return <NotFoundPage message={t('org.notFound')} />;
  if (org.error && !o)
    return (
      <>
        <h1>{t('org.identity')}</h1>
        <ErrorMessage error={org.error} onRetry={org.reload} />
      </>
    );
  if (!o)
    return (
      <>
        <h1 className="visually-hidden">{t('org.identity')}</h1>
        <Loading />
      </>
    );
  return (
    <>
      <div className="page-header page-header-row">
        <div>
          <Breadcrumb trail={[{ to: '/recherche', label: t('nav.search') }]} current={o.name} />
          <p className="eyebrow">{tx(`kind.${o.kind}`)}</p>
          <h1>{o.name}</h1>
          <p className="muted">{t('org.updatedAt', { date: date(o.updatedAt) })}</p>
        </div>
        {(o.permissions.update || o.permissions.delete) && (
          <div className="page-actions">
            {o.permissions.update && (
              <Link className="button button-primary" to={`/organisations/${o.id}/modifier`}>
                {t('org.edit')}
              </Link>
            )}
            {o.permissions.delete && (
              <button type="button" className="button button-danger-quiet" onClick={() => setDeleting(true)}>
                {t('org.delete')}
              </button>
            )}
          </div>
        )}
      </div>
      {flash && (
        <p className="notice notice-success" role="status">
          {flash}
        </p>
      )}
      {o.generated && <p className="notice notice-demo">{t('org.generated')}</p>}
      <Details org={o} />
      <MembershipsSection org={o} onChanged={org.reload} />
      <OrganisationProjects organisationId={o.id} />
      <EgoPartners organisationId={o.id} />
      <SimilarOrganisations organisationId={o.id} />
      {o.people && (
        <PeopleSection
          organisationId={o.id}
          people={o.people}
          canEdit={o.permissions.readPeople}
          onChanged={org.reload}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('org.deleteTitle', { name: o.name })}
          confirmLabel={t('org.deleteConfirm')}
          onConfirm={async () => {
            await send('DELETE', `/organisations/${o.id}`);
          }}
          onDone={() => navigate('/recherche', { state: { flash: t('org.deleted', { name: o.name }) } })}
          onCancel={() => setDeleting(false)}
        >
          <p>{t('org.deleteText', { memberships: o.memberships.length, people: o.people?.length ?? 0 })}</p>
        </ConfirmDialog>
      )}
    </>
  );
}
