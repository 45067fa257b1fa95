import { excelDate, NUM_FMT, sheet, toWorkbook } from '../../io/xlsx-workbook.ts';
import { type Lang, WORDS } from './reports.labels.ts';
import type { AnnualReport, Kpi, ReportProject } from './reports.service.ts';

/** The annual report as a workbook: one sheet per table (KPIs, projects, members), headers in the report's language. */

const H = WORDS.headers;

function valueFmt(k: Kpi): string {
  return k.unit === 'share' ? NUM_FMT.percent : k.unit === 'eur' ? NUM_FMT.eur : NUM_FMT.integer;
}

function changeFmt(k: Kpi): string {
  return k.unit === 'share'
    ? NUM_FMT.signedPercent
    : k.unit === 'eur'
      ? NUM_FMT.signedEur
      : NUM_FMT.signedInteger;
}

type ProjectLine = ReportProject & { category: string };
type MemberLine = AnnualReport['members']['joined'][number] & { movement: string };

export async function annualReportWorkbook(r: AnnualReport): Promise<Buffer> {
  const lang: Lang = r.lang;
  const kpis = sheet<Kpi>({
    name: WORDS.sheets.kpis[lang],
    rows: r.kpis,
    columns: [
      { header: H.indicator[lang], value: (k) => k.label, width: 44 },
      { header: String(r.year), value: (k) => k.value, numFmt: valueFmt, width: 16 },
      { header: String(r.previousYear), value: (k) => k.previous, numFmt: valueFmt, width: 16 },
      { header: H.change[lang], value: (k) => k.change, numFmt: changeFmt, width: 14 },
      { header: H.changePct[lang], value: (k) => k.changePct, numFmt: NUM_FMT.signedPercent, width: 14 },
      { header: H.definition[lang], value: (k) => k.description, width: 70 },
    ],
  });
  const cats = WORDS.categories;
  const projectLines: ProjectLine[] = [
    ...r.projects.labelled.map((p) => ({ ...p, category: cats.labelled[lang] })),
    ...r.projects.running.map((p) => ({ ...p, category: cats.running[lang] })),
    ...r.projects.closed.map((p) => ({ ...p, category: cats.closed[lang] })),
  ];
  const projects = sheet<ProjectLine>({
    name: WORDS.sheets.projects[lang],
    rows: projectLines,
    columns: [
      { header: H.category[lang], value: (p) => p.category, width: 12 },
      { header: H.id[lang], value: (p) => p.id, width: 8 },
      { header: H.acronym[lang], value: (p) => p.acronym, width: 16 },
      { header: H.titleCol[lang], value: (p) => p.title, width: 50 },
      { header: H.type[lang], value: (p) => p.typeLabel, width: 24 },
      { header: H.status[lang], value: (p) => p.statusLabel, width: 14 },
      { header: H.networks[lang], value: (p) => p.networks.join(', '), width: 20 },
      { header: H.coordinator[lang], value: (p) => p.coordinator, width: 30 },
      { header: H.partners[lang], value: (p) => p.partners, numFmt: NUM_FMT.integer },
      { header: H.start[lang], value: (p) => excelDate(p.startDate), numFmt: NUM_FMT.date, width: 12 },
      { header: H.end[lang], value: (p) => excelDate(p.endDate), numFmt: NUM_FMT.date, width: 12 },
      { header: H.labelledOn[lang], value: (p) => excelDate(p.labelledOn), numFmt: NUM_FMT.date, width: 13 },
      { header: H.funding[lang], value: (p) => p.publicFundingEur, numFmt: NUM_FMT.eur, width: 18 },
      { header: H.promisedJobs[lang], value: (p) => p.promisedJobs, numFmt: NUM_FMT.integer },
      { header: H.actualJobs[lang], value: (p) => p.actualJobs, numFmt: NUM_FMT.integer },
    ],
  });
  const memberLines: MemberLine[] = [
    ...r.members.joined.map((m) => ({ ...m, movement: cats.joined[lang] })),
    ...r.members.left.map((m) => ({ ...m, movement: cats.left[lang] })),
  ];
  const members = sheet<MemberLine>({
    name: WORDS.sheets.members[lang],
    rows: memberLines,
    columns: [
      { header: H.movement[lang], value: (m) => m.movement, width: 12 },
      { header: H.date[lang], value: (m) => excelDate(m.date), numFmt: NUM_FMT.date, width: 12 },
      { header: H.organisation[lang], value: (m) => m.name, width: 40 },
      { header: H.kind[lang], value: (m) => m.kind, width: 18 },
      { header: H.size[lang], value: (m) => m.sizeClass, width: 9 },
      { header: H.networks[lang], value: (m) => m.networks.join(', '), width: 20 },
      { header: H.id[lang], value: (m) => m.organisationId, width: 8 },
    ],
  });
  return toWorkbook([kpis, projects, members], { title: r.title });
}
