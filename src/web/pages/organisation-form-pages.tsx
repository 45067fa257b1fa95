import { Link, useNavigate, useParams } from 'react-router';
import { ApiError, send } from '../api/client.ts';
import type { Network, OrganisationDetail } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { OrganisationForm } from '../components/organisation-form.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { todayIso } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { emptyForm, formFromOrganisation } from '../lib/organisation-form-state.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';

function LoginFirst({ title, text }: { title: string; text: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{title}</h1>
      <div className="notice notice-info">
        <p>{text}</p>
        <p>
          <Link
            className="button button-primary"
            to={`/connexion?next=${encodeURIComponent(window.location.pathname)}`}
          >
            {t('auth.login')}
          </Link>
        </p>
      </div>
    </>
  );
}

/** /organisations/nouvelle — network managers and admins. */
export function OrganisationCreatePage() {
  const { t } = useI18n();
  const { me, loading, canManage, manages } = useAuth();
  const navigate = useNavigate();
  usePageTitle(t('form.createTitle'));
  const networks = useApi<{ items: Network[] }>(canManage ? '/networks' : null);
  if (loading)
    return (
      <>
        <h1>{t('form.createTitle')}</h1>
        <Loading />
      </>
    );
  if (!me.email) return <LoginFirst title={t('form.createTitle')} text={t('form.loginRequired')} />;
  if (!canManage)
    return (
      <>
        <h1>{t('form.createTitle')}</h1>
        <p className="notice notice-error">{t('form.createNotAllowed')}</p>
      </>
    );
  const managed = (networks.data?.items ?? []).filter((n) => manages(n.id));
  return (
    <>
      <div className="page-header">
        <Breadcrumb trail={[{ to: '/recherche', label: t('nav.search') }]} current={t('form.createTitle')} />
        <h1>{t('form.createTitle')}</h1>
      </div>
      {networks.data ? (
        <OrganisationForm
          initial={{
            ...emptyForm(todayIso()),
            membershipNetwork: managed.length === 1 ? managed[0]!.slug : '',
          }}
          membershipNetworks={managed}
          submitLabel={t('form.submitCreate')}
          onSubmit={async (input) => {
            const { id } = await send<{ id: number }>('POST', '/organisations', input);
            navigate(`/organisations/${id}`, { state: { flash: t('form.created') } });
          }}
          onCancel={() => navigate(-1)}
        />
      ) : networks.error ? (
        <ErrorMessage error={networks.error} onRetry={networks.reload} />
      ) : (
        <Loading />
      )}
    </>
  );
}

/** /organisations/:id/modifier — whoever may update it (managers of its networks, its members, admins). */
export function OrganisationEditPage() {
  const { id = '' } = useParams();
  const { t, num } = useI18n();
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const org = useApi<OrganisationDetail>(/^\d+$/.test(id) && !loading ? `/organisations/${id}` : null);
  const o = org.data;
  usePageTitle(o ? t('form.editTitle', { name: o.name }) : t('common.edit'));
  if (!/^\d+$/.test(id) || (org.error instanceof ApiError && org.error.status === 404))
    return <NotFoundPage message={t('org.notFound')} />;
  if (loading || (!o && !org.error))
    return (
      <>
        <h1 className="visually-hidden">{t('common.edit')}</h1>
        <Loading />
      </>
    );
  if (!o)
    return (
      <>
        <h1>{t('common.edit')}</h1>
        {org.error && <ErrorMessage error={org.error} onRetry={org.reload} />}
      </>
    );
  const title = t('form.editTitle', { name: o.name });
  if (!me.email) return <LoginFirst title={title} text={t('form.loginRequired')} />;
  if (!o.permissions.update)
    return (
      <>
        <h1>{title}</h1>
        <p className="notice notice-error">{t('form.notAllowed')}</p>
      </>
    );
  return (
    <>
      <div className="page-header">
        <Breadcrumb
          trail={[
            { to: '/recherche', label: t('nav.search') },
            { to: `/organisations/${o.id}`, label: o.name },
          ]}
          current={t('common.edit')}
        />
        <h1>{title}</h1>
      </div>
      <OrganisationForm
        initial={formFromOrganisation(o, (n) => num(n, 2))}
        submitLabel={t('form.submitEdit')}
        onSubmit={async (input) => {
          await send('PATCH', `/organisations/${o.id}`, input);
          navigate(`/organisations/${o.id}`, { state: { flash: t('form.saved') } });
        }}
        onCancel={() => navigate(`/organisations/${o.id}`)}
      />
    </>
  );
}
