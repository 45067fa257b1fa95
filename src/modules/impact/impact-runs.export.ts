import { NotFoundError } from '../../domain/errors.ts';
import type { Column } from '../../io/table-export.ts';
import type { ExportTable } from './impact-runs.schemas.ts';
import type { RunView } from './impact-runs.service.ts';
import type { BalanceRow, CellRow, EffectRow } from './impact-runs.types.ts';

/**
 * The tables of a run as CSV/XLSX rows (French headers, as Polaris's other exports). Every row
 * carries the run and its data version, so a figure pasted elsewhere can be traced and reproduced
 * (GET /api/v1/impact/runs/:id gives every parameter).
 */

type Row = { run: RunView; label: string; r: EffectRow };

const trace: Column<{ run: RunView }>[] = [
  { header: 'Analyse', value: (x) => x.run.id },
  { header: 'Version des données', value: (x) => x.run.dataVersion },
];

const effectColumns: Column<Row>[] = [
  { header: 'ATT', value: (x) => x.r.att },
  { header: 'Erreur type', value: (x) => x.r.se },
  { header: 'IC ponctuel bas', value: (x) => x.r.lower },
  { header: 'IC ponctuel haut', value: (x) => x.r.upper },
  { header: 'Bande simultanée basse', value: (x) => x.r.bandLower },
  { header: 'Bande simultanée haute', value: (x) => x.r.bandUpper },
  { header: 'Entreprises traitées', value: (x) => x.r.treated },
  { header: 'Entreprises de comparaison (min.)', value: (x) => x.r.comparison },
  { header: 'Masqué (confidentialité)', value: (x) => (x.r.suppressed ? 'oui' : 'non') },
];

const KEY_HEADER: Record<Exclude<ExportTable, 'balance' | 'attgt'>, string> = {
  dynamic: 'Années depuis le traitement',
  group: 'Cohorte (première année traitée)',
  calendar: 'Année',
  overall: 'Estimation',
};

const BALANCE: Column<{ run: RunView; b: BalanceRow }>[] = [
  ...trace,
  { header: 'Variable', value: (x) => x.b.variable },
  { header: 'Moyenne des traitées', value: (x) => x.b.meanTreated },
  { header: 'Moyenne des témoins avant appariement', value: (x) => x.b.meanControlBefore },
  { header: 'Moyenne des témoins appariés', value: (x) => x.b.meanControlAfter },
  { header: 'Différence standardisée avant', value: (x) => x.b.smdBefore },
  { header: 'Différence standardisée après', value: (x) => x.b.smdAfter },
  { header: 'Masqué (confidentialité)', value: (x) => (x.b.suppressed ? 'oui' : 'non') },
];

type CellLine = Row & { c: CellRow };
const CELLS: Column<CellLine>[] = [
  ...trace,
  { header: 'Cohorte (première année traitée)', value: (x) => x.c.group },
  { header: 'Année', value: (x) => x.c.time },
  { header: 'Après traitement', value: (x) => (x.c.post ? 'oui' : 'non') },
  ...effectColumns,
];

/** The rows and columns of one table of a run; 404 when the run has no such table. */
export function runTable(
  run: RunView,
  table: ExportTable,
):
  | { kind: 'effects'; rows: Row[]; columns: Column<Row>[] }
  | { kind: 'cells'; rows: CellLine[]; columns: Column<CellLine>[] }
  | { kind: 'balance'; rows: { run: RunView; b: BalanceRow }[]; columns: typeof BALANCE } {
  const res = run.result;
  const missing = () => new NotFoundError(`Table "${table}" of impact run ${run.id}`);
  if (!res) throw missing();
  if (table === 'balance') {
    if (!res.balance) throw missing();
    return { kind: 'balance', rows: res.balance.map((b) => ({ run, b })), columns: BALANCE };
  }
  if (table === 'attgt') {
    if (!res.cells) throw missing();
    return {
      kind: 'cells',
      rows: res.cells.map((c) => ({ run, label: '', r: c, c })),
      columns: CELLS,
    };
  }
  const columns: Column<Row>[] = [
    ...trace,
    { header: KEY_HEADER[table], value: (x) => x.label },
    ...effectColumns,
  ];
  if (table === 'overall') {
    const rows: Row[] = [];
    if (res.overall) rows.push({ run, label: `${run.kind} (ATT)`, r: res.overall });
    if (res.naive)
      rows.push({ run, label: 'comparaison naïve (différence des variations)', r: res.naive.difference });
    return { kind: 'effects', rows, columns };
  }
  const list = res[table];
  if (!list) throw missing();
  return { kind: 'effects', rows: list.map((r) => ({ run, label: String(r.key), r })), columns };
}
