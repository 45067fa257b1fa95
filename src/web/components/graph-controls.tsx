import { type FormEvent, useEffect, useId, useState } from 'react';
import { PROJECT_SOURCES, PROJECT_TYPES } from '../api/project-types.ts';
import type { Network } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import {
  COLOUR_MODES,
  type ColourMode,
  type GraphFilters,
  SIZE_METRICS,
  type SizeMetric,
} from '../lib/graph-query.ts';
import { FilterSelect, filterSelects } from './filter-controls.tsx';

/**
 * What goes to the API: the last start year (a range input, applied when it rests), the pole,
 * the project type and the source. Selects apply at once.
 */
export function GraphFiltersForm({
  filters,
  networks,
  years,
  onApply,
}: {
  filters: GraphFilters;
  networks: Network[];
  /** [first, last] start year offered by the slider */
  years: [number, number];
  onApply: (changes: GraphFilters) => void;
}) {
  const { t, tx } = useI18n();
  const id = useId();
  const [first, last] = years;
  const [to, setTo] = useState(Number(filters.to ?? last));
  useEffect(() => setTo(Number(filters.to ?? last)), [filters.to, last]);
  // apply the year when the slider rests, not at every step of a drag
  useEffect(() => {
    const current = Number(filters.to ?? last);
    if (to === current) return;
    const timer = setTimeout(() => onApply({ to: to >= last ? '' : String(to) }), 400);
    return () => clearTimeout(timer);
  }, [to, filters.to, last, onApply]);
  const select = filterSelects(id, filters, onApply);
  const toText = to >= last ? t('graph.toAll') : t('graph.toValue', { year: to });
  return (
    <form
      className="filters graph-filters"
      aria-label={t('graph.filters')}
      onSubmit={(e) => e.preventDefault()}
    >
      <div className="field field-wide">
        <label htmlFor={`${id}-to`}>{t('graph.to')}</label>
        <div className="range-row">
          <input
            id={`${id}-to`}
            type="range"
            min={first}
            max={last}
            step={1}
            value={Math.min(Math.max(to, first), last)}
            aria-valuetext={toText}
            onChange={(e) => setTo(Number(e.target.value))}
          />
          <output htmlFor={`${id}-to`} className="range-value">
            {toText}
          </output>
        </div>
      </div>
      {select(
        'network',
        t('filters.network'),
        t('filters.allNetworks'),
        networks.map((n) => [n.slug, n.name]),
      )}
      {select(
        'type',
        t('projects.type'),
        t('projects.allTypes'),
        PROJECT_TYPES.map((k) => [k, tx(`ptype.${k}`)]),
      )}
      {select(
        'source',
        t('projects.source'),
        t('projects.allSources'),
        PROJECT_SOURCES.map((s) => [s, tx(`source.${s}`)]),
      )}
    </form>
  );
}

/** Colour, size, the node search (a text field with the node names as suggestions) and the ego view. */
export function GraphDisplayForm({
  colour,
  size,
  ego,
  focus,
  labels,
  onChange,
}: {
  colour: ColourMode;
  size: SizeMetric;
  ego: 0 | 1 | 2;
  focus: string | null;
  /** label → node id */
  labels: Map<string, string>;
  onChange: (changes: Record<string, string | null>) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [unknown, setUnknown] = useState<string | null>(null);
  const byLower = new Map([...labels].map(([label, nodeId]) => [label.toLocaleLowerCase('fr'), nodeId]));
  const find = (value: string) => byLower.get(value.trim().toLocaleLowerCase('fr'));
  const focusLabel = focus ? [...labels].find(([, v]) => v === focus)?.[0] : undefined;
  useEffect(() => setText(focusLabel ?? ''), [focusLabel]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return onChange({ focus: null, ego: null });
    const found = find(text);
    setUnknown(found ? null : text.trim());
    if (found) onChange({ focus: found });
  };
  return (
    <form className="filters graph-display" aria-label={t('graph.display')} onSubmit={submit}>
      <div className="field field-wide">
        <label htmlFor={`${id}-search`}>{t('graph.search')}</label>
        <div className="search-row">
          <input
            id={`${id}-search`}
            type="text"
            list={`${id}-labels`}
            value={text}
            autoComplete="off"
            aria-describedby={`${id}-search-hint`}
            aria-invalid={unknown ? true : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setUnknown(null);
              // picking a suggestion fills the exact name: select it at once
              const found = find(e.target.value);
              if (found && found !== focus) onChange({ focus: found });
            }}
          />
          <button type="submit" className="button button-primary">
            {t('graph.searchSubmit')}
          </button>
        </div>
        <span
          id={`${id}-search-hint`}
          className={unknown ? 'field-error' : 'hint'}
          role={unknown ? 'alert' : undefined}
        >
          {unknown ? t('graph.searchUnknown', { name: unknown }) : t('graph.searchHint')}
        </span>
        <datalist id={`${id}-labels`}>
          {[...labels.keys()].map((l) => (
            <option key={l} value={l} />
          ))}
        </datalist>
      </div>
      <FilterSelect
        id={`${id}-colour`}
        label={t('graph.colour')}
        all={t(`graph.colour.${COLOUR_MODES[0]}`)}
        value={colour === COLOUR_MODES[0] ? '' : colour}
        options={COLOUR_MODES.slice(1).map((m) => [m, t(`graph.colour.${m}`)])}
        onChange={(v) => onChange({ colour: v || null })}
      />
      <FilterSelect
        id={`${id}-size`}
        label={t('graph.size')}
        all={t(`metric.${SIZE_METRICS[0]}`)}
        value={size === SIZE_METRICS[0] ? '' : size}
        options={SIZE_METRICS.slice(1).map((m) => [m, t(`metric.${m}`)])}
        onChange={(v) => onChange({ size: v || null })}
      />
      <div className="field">
        <label htmlFor={`${id}-ego`}>{t('graph.ego')}</label>
        <select
          id={`${id}-ego`}
          value={focus ? ego : 0}
          disabled={!focus}
          aria-describedby={focus ? undefined : `${id}-ego-hint`}
          onChange={(e) => onChange({ ego: e.target.value === '0' ? null : e.target.value })}
        >
          <option value={0}>{t('graph.egoAll')}</option>
          <option value={1}>{t('graph.ego1')}</option>
          <option value={2}>{t('graph.ego2')}</option>
        </select>
        {!focus && (
          <span id={`${id}-ego-hint`} className="hint">
            {t('graph.egoHint')}
          </span>
        )}
      </div>
    </form>
  );
}
