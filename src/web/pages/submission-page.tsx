import { useNavigate, useParams } from 'react-router';
import type { CallDetail } from '../api/calls.ts';
import { ApiError, send } from '../api/client.ts';
import type { ProjectDetail } from '../api/project-types.ts';
import type { OrganisationDetail } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { Breadcrumb } from '../components/breadcrumb.tsx';
import { LoginFirst } from '../components/login-first.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { SubmissionForm } from '../components/submission-form.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import {
  emptySubmission,
  type SubmissionState,
  submissionFromProject,
} from '../lib/submission-form-state.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import { NotFoundPage } from './not-found-page.tsx';

/** The user's own organisation coordinates by default (a consortium writes its own project). */
function initialFor(own: OrganisationDetail | undefined, call: CallDetail): SubmissionState {
  const f = emptySubmission();
  if (!own) return f;
  const slugs = own.memberships.filter((m) => m.leftOn == null).map((m) => m.networkSlug);
  f.networks = call.networks
    .filter((n) => slugs.includes(n.slug))
    .map((n) => n.slug)
    .slice(0, 1);
  f.partners = [
    {
      organisationId: own.id,
      name: own.name,
      kind: own.kind,
      sizeClass: own.sizeClass ?? null,
      role: 'coordinator',
      budget: '',
      funding: '',
    },
  ];
  return f;
}

/** /appels/:id/deposer — a consortium member writes a project for an open call (saved as a draft). */
export function SubmissionCreatePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const valid = /^\d+$/.test(id);
  const call = useApi<CallDetail>(valid ? `/calls/${id}` : null);
  const ownId = me.memberOf[0];
  const own = useApi<OrganisationDetail>(ownId != null ? `/organisations/${ownId}` : null);
  const title = t('submit.createTitle');
  usePageTitle(title);
  if (!valid || (call.error instanceof ApiError && call.error.status === 404))
    return <NotFoundPage message={t('calls.notFound')} />;
  if (loading || (!call.data && !call.error) || (ownId != null && own.loading && !own.data))
    return (
      <>
        <h1>{title}</h1>
        <Loading />
      </>
    );
  if (!call.data)
    return (
      <>
        <h1>{title}</h1>
        {call.error && <ErrorMessage error={call.error} onRetry={call.reload} />}
      </>
    );
  const c = call.data;
  if (!me.email) return <LoginFirst title={title} text={t('submit.loginRequired')} />;
  return (
    <>
      <div className="page-header">
        <Breadcrumb
          trail={[
            { to: '/appels', label: t('nav.calls') },
            { to: `/appels/${c.id}`, label: c.title },
          ]}
          current={title}
        />
        <h1>{title}</h1>
        <p className="lead">{t('submit.intro', { call: c.title })}</p>
      </div>
      {!c.open ? (
        <p className="notice notice-error">{t('submit.closed')}</p>
      ) : (
        <SubmissionForm
          call={c}
          initial={initialFor(own.data, c)}
          submitLabel={t('submit.saveDraft')}
          onSubmit={async (body) => {
            const p = await send<{ id: number }>('POST', '/projects', { callId: c.id, ...body });
            navigate(`/projets/${p.id}`, { state: { flash: t('submit.saved') } });
          }}
          onCancel={() => navigate(`/appels/${c.id}`)}
        />
      )}
    </>
  );
}

/** /projets/:id/modifier — the consortium edits its draft (or its ineligible project). */
export function SubmissionEditPage() {
  const { id = '' } = useParams();
  const { t, num } = useI18n();
  const { me, loading } = useAuth();
  const navigate = useNavigate();
  const valid = /^\d+$/.test(id);
  const project = useApi<ProjectDetail>(valid && !loading ? `/projects/${id}` : null);
  const p = project.data;
  const call = useApi<CallDetail>(p?.callId != null ? `/calls/${p.callId}` : null);
  const title = p ? t('submit.editTitle', { acronym: p.acronym }) : t('common.edit');
  usePageTitle(title);
  if (!valid || (project.error instanceof ApiError && project.error.status === 404))
    return <NotFoundPage message={t('project.notFound')} />;
  if (!me.email && !loading) return <LoginFirst title={title} text={t('submit.loginRequired')} />;
  const error = project.error ?? call.error;
  if (error)
    return (
      <>
        <h1>{title}</h1>
        <ErrorMessage error={error} onRetry={project.error ? project.reload : call.reload} />
      </>
    );
  if (!p || !call.data)
    return (
      <>
        <h1>{title}</h1>
        <Loading />
      </>
    );
  const c = call.data;
  return (
    <>
      <div className="page-header">
        <Breadcrumb
          trail={[
            { to: '/projets', label: t('nav.projects') },
            { to: `/projets/${p.id}`, label: p.acronym },
          ]}
          current={t('common.edit')}
        />
        <h1>{title}</h1>
        <p className="lead">{t('submit.intro', { call: c.title })}</p>
      </div>
      {p.status !== 'draft' && p.status !== 'ineligible' ? (
        <p className="notice notice-error">{t('submit.notEditable')}</p>
      ) : (
        <SubmissionForm
          call={c}
          initial={submissionFromProject(p, (n) => num(n, 2))}
          submitLabel={t('submit.saveDraft')}
          onSubmit={async (body) => {
            await send('PATCH', `/projects/${p.id}`, body);
            navigate(`/projets/${p.id}`, { state: { flash: t('submit.saved') } });
          }}
          onCancel={() => navigate(`/projets/${p.id}`)}
        />
      )}
    </>
  );
}
