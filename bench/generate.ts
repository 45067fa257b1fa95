import { makeEnterpriseNumber } from '../src/domain/enterprise-number.ts';
import { rng, SUFFIXES } from '../src/modules/demo/demo.generator.ts';
import { DEMO_NETWORKS } from '../src/modules/demo/demo.networks.ts';

/**
 * Benchmark data: a member list of `n` organisations as a Belgian pole team keeps it (semicolon
 * CSV, French headers), and extra membership periods. Deterministic.
 */

const KINDS = [
  'entreprise',
  'entreprise',
  'entreprise',
  'entreprise',
  'entreprise',
  'entreprise',
  'université',
  'centre de recherche',
  'haute école',
  'asbl',
];

export function memberListCsv(n: number, walloonNis: string[], seed = 1): string {
  const r = rng(seed);
  const lines = ["Nom;Numéro d'entreprise;Type;Effectif;Codes NACE;Code NIS;Réseau;Date d'adhésion"];
  const used = new Set<string>();
  for (let i = 0; i < n; i++) {
    const net = DEMO_NETWORKS[Math.floor(r() * DEMO_NETWORKS.length)]!;
    const stem = net.stems[Math.floor(r() * net.stems.length)]!;
    const name = `${stem}${SUFFIXES[Math.floor(r() * SUFFIXES.length)]!.toLowerCase()} ${i} SRL`;
    let en: string;
    do en = makeEnterpriseNumber(2_000_000 + Math.floor(r() * 7_999_999));
    while (used.has(en));
    used.add(en);
    const formatted = `${en.slice(0, 4)}.${en.slice(4, 7)}.${en.slice(7)}`;
    const kind = KINDS[Math.floor(r() * KINDS.length)]!;
    const headcount = 1 + Math.floor(r() * r() * 400);
    const nace = net.nace[Math.floor(r() * net.nace.length)]!;
    const nis = walloonNis[Math.floor(r() * walloonNis.length)]!;
    const y = 2006 + Math.floor(r() * 19);
    lines.push(
      `${name};${formatted};${kind};${headcount};${nace.slice(0, 2)}.${nace.slice(2)};${nis};${net.slug};${String(1 + Math.floor(r() * 28)).padStart(2, '0')}/${String(1 + Math.floor(r() * 12)).padStart(2, '0')}/${y}`,
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** `perOrg` extra membership periods per organisation, in networks it is not yet a member of. */
export function extraMemberships(
  first: { organisationId: number; networkId: number }[],
  networkIds: number[],
  perOrg: number,
  seed = 2,
) {
  const r = rng(seed);
  const out: { organisationId: number; networkId: number; joinedOn: string; leftOn: string | null }[] = [];
  for (const { organisationId, networkId: taken } of first) {
    const nets = networkIds
      .filter((n) => n !== taken)
      .sort(() => r() - 0.5)
      .slice(0, perOrg);
    for (const networkId of nets) {
      const y = 2006 + Math.floor(r() * 18);
      out.push({
        organisationId,
        networkId,
        joinedOn: `${y}-03-01`,
        leftOn: r() < 0.3 ? `${y + 1 + Math.floor(r() * 5)}-06-30` : null,
      });
    }
  }
  return out;
}
