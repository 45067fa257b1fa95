import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';

export function Breadcrumb({ trail, current }: { trail: { to: string; label: string }[]; current: string }) {
  const { t } = useI18n();
  return (
    <nav className="breadcrumb" aria-label={t('nav.breadcrumb')}>
      <ol>
        {trail.map((c) => (
          <li key={c.to}>
            <Link to={c.to}>{c.label}</Link>
          </li>
        ))}
        <li aria-current="page">{current}</li>
      </ol>
    </nav>
  );
}
