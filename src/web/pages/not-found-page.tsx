import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { usePageTitle } from '../lib/use-page-title.ts';

export function NotFoundPage({ message }: { message?: string }) {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <div className="page-header narrow">
      <p className="eyebrow error-code">404</p>
      <h1>{t('notFound.title')}</h1>
      <p className="lead">{message ?? t('notFound.text')}</p>
      <p>
        <Link className="button button-primary" to="/">
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}
