import type { Membership, NetworkKind } from '../api/types.ts';
import { todayIso } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

const FIRST_YEAR = 2006;

interface Row {
  networkId: number;
  name: string;
  kind: NetworkKind;
  periods: Membership[];
}

function rowsOf(memberships: Membership[]): Row[] {
  const rows = new Map<number, Row>();
  for (const m of memberships) {
    const row = rows.get(m.networkId) ?? {
      networkId: m.networkId,
      name: m.networkName,
      kind: m.networkKind,
      periods: [],
    };
    row.periods.push(m);
    rows.set(m.networkId, row);
  }
  return [...rows.values()];
}

const dayNumber = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

/**
 * Membership periods on a time axis from 2006 (the launch of the poles) to today, one line per
 * network. It is drawn for sighted users; the table next to it carries the same facts.
 */
export function MembershipTimeline({ memberships }: { memberships: Membership[] }) {
  const { t, date } = useI18n();
  const today = todayIso();
  const earliest = memberships.reduce((y, m) => Math.min(y, Number(m.joinedOn.slice(0, 4))), FIRST_YEAR);
  const start = dayNumber(`${earliest}-01-01`);
  const end = dayNumber(today);
  const pos = (iso: string) => Math.min(100, Math.max(0, (100 * (dayNumber(iso) - start)) / (end - start)));
  const lastYear = Number(today.slice(0, 4));
  const years: number[] = [];
  for (let y = earliest; y <= lastYear; y++) years.push(y);
  const rows = rowsOf(memberships);
  const description = rows
    .flatMap((r) =>
      r.periods.map((p) =>
        t('timeline.period', {
          network: r.name,
          from: date(p.joinedOn),
          to: p.leftOn ? date(p.leftOn) : t('common.today'),
        }),
      ),
    )
    .join(' ; ');
  return (
    <div
      className="timeline"
      role="img"
      aria-label={`${t('timeline.visual', { from: earliest, to: lastYear })}. ${description}`}
    >
      <div className="timeline-rows">
        {rows.map((r) => (
          <div className="timeline-row" key={r.networkId}>
            <div className="timeline-label">{r.name}</div>
            <div className="timeline-track">
              {years.map((y) => (
                <span key={y} className="timeline-grid" style={{ left: `${pos(`${y}-01-01`)}%` }} />
              ))}
              {r.periods.map((p) => {
                const left = pos(p.joinedOn);
                const right = pos(p.leftOn ?? today);
                return (
                  <span
                    key={p.id}
                    className={`timeline-bar timeline-${r.kind}${p.leftOn ? '' : ' is-open'}`}
                    style={{ left: `${left}%`, width: `${Math.max(0.8, right - left)}%` }}
                  >
                    <span className="timeline-bar-text">
                      {p.joinedOn.slice(0, 4)}–{p.leftOn ? p.leftOn.slice(0, 4) : ''}
                    </span>
                  </span>
                );
              })}
            </div>
          </div>
        ))}
      </div>
      <div className="timeline-axis">
        {years.map((y) => (
          <span
            key={y}
            className={`timeline-tick${(y - earliest) % 2 === 0 ? '' : ' is-minor'}${(y - earliest) % 4 === 0 ? ' is-major' : ''}`}
            style={{ left: `${pos(`${y}-01-01`)}%` }}
          >
            {y}
          </span>
        ))}
      </div>
    </div>
  );
}
