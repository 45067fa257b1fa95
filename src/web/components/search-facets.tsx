import { useId } from 'react';
import type { FacetName, SearchAnswer } from '../api/search-types.ts';
import type { NaceCode, Network, Province } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FACET_PARAM } from '../lib/search-query.ts';

const ORDER: FacetName[] = ['network', 'kind', 'province', 'naceSection', 'size'];

/**
 * The facet filters of the search page: one select per facet, each value with its count in the
 * current results (a chosen value stays listed even when it counts nothing). Choosing applies at
 * once; the page goes back to 1.
 */
export function SearchFacets({
  facets,
  filters,
  onChange,
}: {
  facets: SearchAnswer['facets'];
  filters: Record<string, string>;
  onChange: (param: string, value: string | null) => void;
}) {
  const { t, tx, lang, num } = useI18n();
  const id = useId();
  const networks = useApi<{ items: Network[] }>('/networks');
  const provinces = useApi<{ items: Province[] }>('/reference/provinces');
  const sections = useApi<{ items: NaceCode[] }>('/reference/nace?level=1&limit=30');

  const label = (facet: FacetName, key: string): string => {
    switch (facet) {
      case 'network':
        return networks.data?.items.find((n) => n.slug === key)?.name ?? key;
      case 'kind':
        return tx(`kind.${key}`);
      case 'province': {
        const p = provinces.data?.items.find((x) => x.nis === key);
        return p ? p[lang] : key;
      }
      case 'naceSection': {
        const s = sections.data?.items.find((x) => x.code === key);
        const name = s
          ? ((lang === 'en' ? s.labelEn : lang === 'nl' ? s.labelNl : lang === 'de' ? s.labelDe : null) ??
            s.labelFr)
          : null;
        return name ? `${key} — ${name}` : key;
      }
      case 'size':
        return tx(`size.${key}`);
    }
  };

  return (
    <form className="search-facets" aria-label={t('fts.facets')} onSubmit={(e) => e.preventDefault()}>
      <h2 className="search-facets-title">{t('fts.facets')}</h2>
      {ORDER.map((facet) => {
        const param = FACET_PARAM[facet];
        const chosen = filters[param] ?? '';
        const counts = facets[facet];
        const keys = Object.keys(counts).sort((a, b) => label(facet, a).localeCompare(label(facet, b), lang));
        if (chosen && !keys.includes(chosen)) keys.unshift(chosen);
        if (keys.length === 0) return null;
        return (
          <div className="field" key={facet}>
            <label htmlFor={`${id}-${param}`}>{tx(`fts.facet.${facet}`)}</label>
            <select
              id={`${id}-${param}`}
              value={chosen}
              onChange={(e) => onChange(param, e.target.value || null)}
            >
              <option value="">{t('fts.any')}</option>
              {keys.map((k) => (
                <option key={k} value={k}>
                  {`${label(facet, k)} (${num(counts[k] ?? 0)})`}
                </option>
              ))}
            </select>
          </div>
        );
      })}
    </form>
  );
}
