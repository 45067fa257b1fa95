import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

/** A page that needs a session: say so, and offer to log in and come back here. */
export function LoginFirst({ title, text }: { title: string; text: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{title}</h1>
      <div className="notice notice-info">
        <p>{text}</p>
        <p>
          <Link
            className="button button-primary"
            to={`/connexion?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
          >
            {t('auth.login')}
          </Link>
        </p>
      </div>
    </>
  );
}
