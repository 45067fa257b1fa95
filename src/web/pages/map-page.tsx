import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { API_BASE } from '../api/client.ts';
import type { Boundaries, MapArea, MapOrganisation, MembersMap } from '../api/indicator-types.ts';
import { type Network, ORGANISATION_KINDS } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { FilterSelect } from '../components/filter-controls.tsx';
import { SortHeader } from '../components/sort-header.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { ChartExports } from '../components/steering-chart.tsx';
import { SteeringViewsNav } from '../components/steering-nav.tsx';
import { TableScroll } from '../components/table-scroll.tsx';
import { CHART_TEXT } from '../components/use-echart.ts';
import { useSteeringChart } from '../components/use-steering-chart.ts';
import { type I18n, useI18n } from '../i18n/i18n.tsx';
import { type MapQuery, type MapSort, mapFilterParams, readMapQuery, sortAreas } from '../lib/map-query.ts';
import { withParams } from '../lib/organisation-query.ts';
import { usePageTitle } from '../lib/use-page-title.ts';
import '../steering.css';

type Setup = typeof import('../components/echarts-steering-setup.ts');

const mapName = (level: string) => `polaris-${level}`;

function mapOption(
  level: MapQuery['level'],
  measure: MapQuery['measure'],
  areas: MapArea[],
  orgs: MapOrganisation[] | null,
  i18n: I18n,
): Record<string, unknown> {
  const value = (a: MapArea) => (measure === 'members' ? a.members : a.per10000);
  const values = areas.map(value).filter((v): v is number => v != null);
  const max = Math.max(1, ...values);
  const fmt = (v: number) => (measure === 'members' ? i18n.num(v) : i18n.num(v, 1));
  const byNis = new Map(areas.map((a) => [a.nis, a]));
  return {
    animation: false,
    textStyle: CHART_TEXT,
    tooltip: {
      trigger: 'item',
      formatter: (p: {
        seriesType: string;
        name: string;
        value: unknown;
        data?: { orgName?: string; kindLabel?: string };
      }) => {
        if (p.seriesType === 'scatter') return `${p.data?.orgName ?? ''}<br>${p.data?.kindLabel ?? ''}`;
        const a = byNis.get(p.name);
        if (!a) return p.name;
        return `<strong>${a.name}</strong><br>${i18n.t('map.members')} : ${i18n.num(a.members)}<br>${i18n.t('map.per10000')} : ${a.per10000 == null ? '—' : i18n.num(a.per10000, 1)}`;
      },
    },
    visualMap: {
      type: 'continuous',
      seriesIndex: 0,
      min: 0,
      max,
      left: 8,
      bottom: 8,
      calculable: false,
      text: [fmt(max), fmt(0)],
      textStyle: { color: '#1f2937' },
      inRange: { color: ['#eef4fb', '#9cc0e6', '#2563a8', '#0f2a47'] },
      formatter: (v: number) => fmt(v),
    },
    geo: {
      map: mapName(level),
      nameProperty: 'nis',
      roam: true,
      aspectScale: 0.64,
      top: 12,
      bottom: 12,
      left: 110,
      right: 12,
      itemStyle: {
        areaColor: '#f4f6f9',
        borderColor: '#4a5565',
        borderWidth: level === 'province' ? 1 : 0.4,
      },
      emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd166' } },
      select: { disabled: true },
    },
    series: [
      {
        type: 'map',
        geoIndex: 0,
        name: i18n.t(measure === 'members' ? 'map.members' : 'map.per10000'),
        data: areas.map((a) => ({ name: a.nis, value: value(a) })),
      },
      ...(orgs
        ? [
            {
              type: 'scatter',
              coordinateSystem: 'geo',
              name: i18n.t('map.organisations'),
              symbolSize: 5,
              itemStyle: { color: '#b3261e', borderColor: '#ffffff', borderWidth: 0.5 },
              data: orgs.map((o) => ({
                value: [o.lon, o.lat],
                orgName: o.name,
                kindLabel: i18n.tx(`kind.${o.kind}`),
              })),
            },
          ]
        : []),
    ],
  };
}

/** The choropleth with its organisation points and exports. */
function MembersMapFigure({
  q,
  boundaries,
  areas,
  orgs,
  title,
  xlsxParams,
}: {
  xlsxParams: string;
  q: MapQuery;
  boundaries: Boundaries;
  areas: MapArea[];
  orgs: MapOrganisation[] | null;
  title: string;
}) {
  const i18n = useI18n();
  const { t, num } = i18n;
  const el = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const { level, measure } = q;
  const option = useMemo(
    () => mapOption(level, measure, areas, orgs, i18n),
    [level, measure, areas, orgs, i18n],
  );
  const register = useCallback(
    (setup: Setup) =>
      setup.registerMap(mapName(q.level), boundaries as unknown as Parameters<Setup['registerMap']>[1]),
    [q.level, boundaries],
  );
  const handle = useSteeringChart(el, option, register);
  const top = [...areas].sort((a, b) => b.members - a.members)[0];
  const total = areas.reduce((s, a) => s + a.members, 0);
  const summary = top
    ? t('map.summary', {
        n: num(areas.length),
        total: num(total),
        top: top.name,
        topMembers: num(top.members),
      })
    : '';
  const header = [t('map.area'), t('map.nis'), t('map.members'), t('map.population'), t('map.per10000')];
  return (
    <figure className="chart-figure" aria-labelledby={titleId}>
      <figcaption>
        <h2 id={titleId}>{title}</h2>
      </figcaption>
      <div ref={el} className="chart chart-map" role="img" aria-label={`${title}. ${summary}`} />
      {orgs && <p className="hint">{t('map.pointsNote', { n: num(orgs.length) })}</p>}
      <div className="chart-actions">
        <p className="hint">{t('map.roamHint')}</p>
        <ChartExports
          title={title}
          fileName={`polaris-carte-${q.level}`}
          handle={handle}
          header={header}
          xlsxHref={`${API_BASE}/maps/members?${xlsxParams}`}
          rows={areas.map((a) => ({
            key: a.nis,
            raw: [a.name, a.nis, a.members, a.population, a.per10000],
            shown: [],
          }))}
        />
      </div>
    </figure>
  );
}

function AreasTable({
  areas,
  q,
  onSort,
  caption,
}: {
  areas: MapArea[];
  q: MapQuery;
  onSort: (s: MapSort) => void;
  caption: string;
}) {
  const { t, num } = useI18n();
  const sorted = sortAreas(areas, q.sort);
  const total = areas.reduce((s, a) => s + a.members, 0);
  return (
    <TableScroll label={caption}>
      <table className="data-table compact map-areas">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <SortHeader label={t('map.area')} column="name" sort={q.sort} onSort={onSort} />
            <SortHeader
              label={t('map.members')}
              column="members"
              sort={q.sort}
              onSort={onSort}
              firstDescending
              className="num"
            />
            <SortHeader
              label={t('map.population')}
              column="population"
              sort={q.sort}
              onSort={onSort}
              firstDescending
              className="num"
            />
            <SortHeader
              label={t('map.per10000')}
              column="per10000"
              sort={q.sort}
              onSort={onSort}
              firstDescending
              className="num"
            />
          </tr>
        </thead>
        <tbody>
          {sorted.map((a) => (
            <tr key={a.nis}>
              <th scope="row">{a.name}</th>
              <td className="num">{num(a.members)}</td>
              <td className="num">{num(a.population)}</td>
              <td className="num">{a.per10000 == null ? '—' : num(a.per10000, 1)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('map.total')}</th>
            <td className="num">{num(total)}</td>
            <td className="num" />
            <td className="num" />
          </tr>
        </tfoot>
      </table>
    </TableScroll>
  );
}

/**
 * /carte — members by province or municipality: a choropleth (count, or per 10,000 inhabitants)
 * drawn from the server's boundaries (offline: no tiles), organisations as points on demand, and
 * the sortable table of the areas. Everything lives in the URL. Its own chunk.
 */
export function MapPage() {
  const i18n = useI18n();
  const { t, tx } = i18n;
  usePageTitle(t('map.title'));
  const [sp, setSp] = useSearchParams();
  const q = useMemo(() => readMapQuery(sp), [sp]);
  const filters = mapFilterParams(q);
  const members = useApi<MembersMap>(`/maps/members?level=${q.level}&${filters}`);
  // GeoJSON comes as application/geo+json, which the client hands over as text
  const geo = useApi<Boundaries | string>(`/maps/boundaries?level=${q.level}`);
  const boundaries = useMemo(
    () => ({
      ...geo,
      data: typeof geo.data === 'string' ? (JSON.parse(geo.data) as Boundaries) : geo.data,
    }),
    [geo],
  );
  const orgs = useApi<{ items: MapOrganisation[] }>(q.points ? `/maps/organisations?${filters}` : null);
  const networks = useApi<{ items: Network[] }>('/networks');
  // The router applies a URL change in a transition: the controls show the choice at once
  const [shown, setShown] = useState(q);
  useEffect(() => setShown(q), [q]);
  const change = (c: Record<string, string | null>) => {
    const next = withParams(sp, c);
    setShown(readMapQuery(next));
    setSp(next, { replace: true });
  };
  const network = networks.data?.items.find((n) => n.slug === q.network);
  const scope = network ? (network.acronym ?? network.name) : t('steer.allNetworks');
  const title = t(q.level === 'province' ? 'map.titleProvince' : 'map.titleMunicipality', {
    measure: t(q.measure === 'members' ? 'map.count' : 'map.per10000'),
    scope,
  });
  const areasInMap = members.data?.level === q.level ? members.data.areas : null;
  const error = members.error ?? boundaries.error;
  const xp = new URLSearchParams(filters);
  xp.set('level', q.level);
  xp.set('format', 'xlsx');
  const xlsxParams = xp.toString();
  return (
    <>
      <div className="page-header">
        <h1>{t('map.title')}</h1>
        <p className="lead">{t('map.intro')}</p>
        <SteeringViewsNav />
      </div>
      <form
        className="filters map-filters"
        aria-label={t('map.filters')}
        onSubmit={(e) => e.preventDefault()}
      >
        <fieldset className="field segmented">
          <legend>{t('map.level')}</legend>
          {(['province', 'municipality'] as const).map((l) => (
            <label key={l}>
              <input
                type="radio"
                name="map-level"
                value={l}
                checked={shown.level === l}
                onChange={() => change({ level: l === 'province' ? null : l })}
              />
              {t(l === 'province' ? 'map.byProvince' : 'map.byMunicipality')}
            </label>
          ))}
        </fieldset>
        <fieldset className="field segmented">
          <legend>{t('map.measure')}</legend>
          {(['members', 'per10000'] as const).map((m) => (
            <label key={m}>
              <input
                type="radio"
                name="map-measure"
                value={m}
                checked={shown.measure === m}
                onChange={() => change({ measure: m === 'members' ? null : m })}
              />
              {t(m === 'members' ? 'map.count' : 'map.per10000')}
            </label>
          ))}
        </fieldset>
        <FilterSelect
          id="map-network"
          label={t('steer.network')}
          all={t('steer.allNetworks')}
          value={shown.network}
          options={(networks.data?.items ?? []).map((n) => [n.slug, n.name])}
          onChange={(v) => change({ network: v })}
        />
        <FilterSelect
          id="map-kind"
          label={t('map.kind')}
          all={t('map.allKinds')}
          value={shown.kind}
          options={ORGANISATION_KINDS.map((k) => [k, tx(`kind.${k}`)])}
          onChange={(v) => change({ kind: v })}
        />
        <div className="field field-check">
          <input
            id="map-points"
            type="checkbox"
            checked={shown.points}
            onChange={(e) => change({ points: e.target.checked ? '1' : null })}
          />
          <label htmlFor="map-points">{t('map.showPoints')}</label>
        </div>
      </form>
      {error && (
        <ErrorMessage
          error={error}
          onRetry={() => {
            members.reload();
            boundaries.reload();
          }}
        />
      )}
      {!error && (!areasInMap || !boundaries.data) && <Loading />}
      {areasInMap && boundaries.data && (
        <section className="section card" aria-busy={members.loading || orgs.loading || undefined}>
          <MembersMapFigure
            q={q}
            boundaries={boundaries.data}
            areas={areasInMap}
            orgs={q.points ? (orgs.data?.items ?? null) : null}
            title={title}
            xlsxParams={xlsxParams}
          />
        </section>
      )}
      {areasInMap && (
        <section className="section" aria-labelledby="map-table">
          <h2 id="map-table">{t('map.tableTitle')}</h2>
          <p className="hint">{t('map.per10000Note')}</p>
          <AreasTable
            areas={areasInMap}
            q={q}
            onSort={(s) => change({ sort: s === '-members' ? null : s })}
            caption={title}
          />
        </section>
      )}
    </>
  );
}
