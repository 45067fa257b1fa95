import { type FormEvent, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { FormField } from '../components/form-field.tsx';
import { errorText } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

/** Only paths inside the app are followed after logging in. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const i18n = useI18n();
  const { t } = i18n;
  const { me, login } = useAuth();
  const navigate = useNavigate();
  const [sp] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('login.title'));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
      navigate(safeNext(sp.get('next')));
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 400)
          ? t('login.failed')
          : errorText(i18n, err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="narrow">
      <div className="page-header">
        <h1>{t('login.title')}</h1>
        <p className="lead">{t('login.intro')}</p>
      </div>
      {me.email && (
        <p className="notice notice-info">
          {t('login.already', { name: me.displayName ?? me.email, role: t(`auth.role.${me.role}`) })}
        </p>
      )}
      <form className="card login-form" onSubmit={submit}>
        {error && (
          <div className="error-summary" role="alert">
            <p id="login-error">{error}</p>
          </div>
        )}
        <FormField id="login-email" label={t('login.email')} describedBy={error ? 'login-error' : undefined}>
          {(p) => (
            <input
              {...p}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </FormField>
        <FormField id="login-password" label={t('login.password')}>
          {(p) => (
            <input
              {...p}
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('login.submitting') : t('login.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
