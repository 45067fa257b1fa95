import type { NetworkKind } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';

export function IllustrativeBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-illustrative" title={t('common.illustrativeHint')}>
      {t('common.illustrative')}
    </span>
  );
}

export function NetworkKindBadge({ kind }: { kind: NetworkKind }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${kind}`}>
      {t(kind === 'pole' ? 'networkKind.pole' : 'networkKind.cluster')}
    </span>
  );
}

export function DemoBadge() {
  const { t } = useI18n();
  return <span className="badge badge-demo">{t('app.demoBanner')}</span>;
}
