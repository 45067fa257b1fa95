import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, api, queryString } from '../api/client.ts';
import type { ImportReport, Network } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { ErrorSummary } from '../components/error-summary.tsx';
import { ImportReportView } from '../components/import-report.tsx';
import { Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { describeError, type ErrorView } from '../lib/error-view.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

function isReport(x: unknown): x is ImportReport {
  return typeof x === 'object' && x !== null && 'errors' in x && 'rows' in x && 'written' in x;
}

/** /import — upload a member list; 200 = written or dry run passed, 422 = rejected with the report. */
export function ImportPage() {
  const { t } = useI18n();
  const { me, loading, canManage, manages } = useAuth();
  usePageTitle(t('import.title'));
  const networks = useApi<{ items: Network[] }>(canManage ? '/networks' : null);
  const fileRef = useRef<HTMLInputElement>(null);
  const [network, setNetwork] = useState('');
  const [dryRun, setDryRun] = useState(false);
  const [keepValid, setKeepValid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [failure, setFailure] = useState<ErrorView | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);

  const header = (
    <div className="page-header">
      <h1>{t('import.title')}</h1>
      <p className="lead">{t('import.intro')}</p>
    </div>
  );
  if (loading)
    return (
      <>
        {header}
        <Loading />
      </>
    );
  const managed = (networks.data?.items ?? []).filter((n) => manages(n.id));
  const chosen = network || (managed.length === 1 ? (managed[0]?.slug ?? '') : '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const file = fileRef.current?.files?.[0];
    setFailure(null);
    if (!file) {
      setFileError(t('import.fileRequired'));
      return;
    }
    setFileError(null);
    setReport(null);
    setBusy(true);
    const body = new FormData();
    body.append('file', file);
    try {
      const q = queryString({ network: chosen, dryRun, keepValid });
      setReport(await api<ImportReport>(`/imports/organisations${q}`, { method: 'POST', body }));
    } catch (err) {
      if (err instanceof ApiError && isReport(err.body)) setReport(err.body);
      else setFailure(describeError(t, err));
    } finally {
      setBusy(false);
    }
  };

  if (!me.email)
    return (
      <>
        {header}
        <div className="notice notice-info">
          <p>{t('import.loginRequired')}</p>
          <p>
            <Link className="button button-primary" to="/connexion?next=%2Fimport">
              {t('auth.login')}
            </Link>
          </p>
        </div>
      </>
    );
  if (!canManage)
    return (
      <>
        {header}
        <p className="notice notice-error">{t('import.notAllowed')}</p>
      </>
    );

  return (
    <>
      {header}
      <form className="card import-form" onSubmit={submit} noValidate aria-busy={busy}>
        <ErrorSummary
          title={failure?.headline}
          items={[
            ...(fileError ? [{ fieldId: 'import-file', label: t('import.file'), message: fileError }] : []),
            ...(failure?.details ?? []).map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
          ]}
        />
        <div className={`field${fileError ? ' has-error' : ''}`}>
          <label htmlFor="import-file">{t('import.file')}</label>
          <span id="import-file-hint" className="hint">
            {t('import.fileHint')}
          </span>
          {fileError && (
            <span id="import-file-error" className="field-error">
              {fileError}
            </span>
          )}
          <input
            id="import-file"
            ref={fileRef}
            type="file"
            accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={fileError ? true : undefined}
            onChange={() => setFileError(null)}
          />
        </div>
        <div className="field">
          <label htmlFor="import-network">{t('import.network')}</label>
          <select id="import-network" value={chosen} onChange={(e) => setNetwork(e.target.value)}>
            <option value="">{t('import.networkNone')}</option>
            {managed.map((n) => (
              <option key={n.slug} value={n.slug}>
                {n.name}
              </option>
            ))}
          </select>
        </div>
        <div className="checkbox">
          <input
            id="import-dry"
            type="checkbox"
            checked={dryRun}
            onChange={(e) => setDryRun(e.target.checked)}
          />
          <label htmlFor="import-dry">{t('import.dryRun')}</label>
        </div>
        <div className="checkbox">
          <input
            id="import-keep"
            type="checkbox"
            checked={keepValid}
            onChange={(e) => setKeepValid(e.target.checked)}
          />
          <label htmlFor="import-keep">{t('import.keepValid')}</label>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('import.running') : t('import.submit')}
          </button>
          {busy && <Loading label={t('import.running')} />}
        </div>
      </form>
      {report && <ImportReportView report={report} />}
    </>
  );
}
