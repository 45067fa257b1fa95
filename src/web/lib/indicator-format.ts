import type { Indicator, IndicatorUnit } from '../api/indicator-types.ts';
import type { I18n } from '../i18n/i18n.tsx';

/** An indicator's value in its unit, in the reader's Belgian format. */
export function formatIndicator(
  i18n: I18n,
  unit: IndicatorUnit | string,
  v: number | null | undefined,
): string {
  if (v == null || !Number.isFinite(v)) return i18n.t('common.none');
  switch (unit) {
    case 'share':
      return i18n.pct(v);
    case 'eur':
      return i18n.eur(v);
    case 'ratio':
      return i18n.num(v, 2);
    case 'density':
      return i18n.num(v, 3);
    case 'per_10000':
      return i18n.num(v, 1);
    default:
      return i18n.num(v);
  }
}

/** A headline figure: as formatIndicator, but millions of euros in short (710,0 M€) so they fit a card. */
export function formatFigure(i18n: I18n, unit: IndicatorUnit | string, v: number | null | undefined): string {
  if (unit === 'eur' && v != null && Number.isFinite(v) && Math.abs(v) >= 1e6)
    return `${i18n.num(v / 1e6, 1)}\u00a0M€`;
  return formatIndicator(i18n, unit, v);
}

/** The indicator's name or definition in the reader's language (French or English on the server). */
export function textOf(i18n: I18n, t: { fr: string; en: string }): string {
  return i18n.lang === 'fr' ? t.fr : t.en;
}

/** The language of `textOf`, for a `lang` attribute when it differs from the page's. */
export function langOf(i18n: I18n): 'fr' | 'en' {
  return i18n.lang === 'fr' ? 'fr' : 'en';
}

export function indicatorName(i18n: I18n, ind: Indicator): string {
  return textOf(i18n, ind.name);
}

/** A change between two values in points (shares) or in percent of the previous value. */
export function formatChange(
  i18n: I18n,
  unit: IndicatorUnit | string,
  value: number | null | undefined,
  previous: number | null | undefined,
): string {
  if (value == null || previous == null) return i18n.t('common.none');
  const d = value - previous;
  const sign = d > 0 ? '+' : d < 0 ? '−' : '±';
  if (unit === 'share') return `${sign}${i18n.num(Math.abs(d) * 100, 1)} ${i18n.t('steer.points')}`;
  return `${sign}${formatIndicator(i18n, unit, Math.abs(d))}`;
}
