import { describe, expect, it } from 'vitest';
import { conflictReasons } from './conflicts.ts';

const reviewer = (over: Partial<Parameters<typeof conflictReasons>[0]> = {}) => ({
  id: 1,
  organisationIds: [10],
  declaredProjectIds: [],
  declaredOrganisationIds: [],
  ...over,
});
const project = { id: 100, partnerIds: [20, 21, 22], partnerNames: new Map([[20, 'Alpha SA']]) };

describe('conflicts of interest', () => {
  it('none for a reviewer unrelated to the partners', () => {
    expect(conflictReasons(reviewer(), project, new Map(), 3)).toEqual([]);
  });
  it('partner: the reviewer’s organisation (now or in the window) is a partner', () => {
    const r = conflictReasons(reviewer({ organisationIds: [10, 20] }), project, new Map(), 3);
    expect(r.map((x) => x.kind)).toEqual(['partner']);
    expect(r[0]!.message.fr).toContain('Alpha SA');
  });
  it('collaboration: the reviewer’s organisation worked with a partner in the window', () => {
    const r = conflictReasons(reviewer(), project, new Map([[10, new Set([21, 99])]]), 5);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'collaboration', organisationId: 21 });
    expect(r[0]!.message.en).toContain('last 5 years');
  });
  it('declared: with the project or with one of its partners', () => {
    expect(
      conflictReasons(reviewer({ declaredProjectIds: [100] }), project, new Map(), 3).map((x) => x.kind),
    ).toEqual(['declared']);
    expect(
      conflictReasons(reviewer({ declaredOrganisationIds: [22, 50] }), project, new Map(), 3),
    ).toMatchObject([{ kind: 'declared', organisationId: 22 }]);
    expect(conflictReasons(reviewer({ declaredProjectIds: [101] }), project, new Map(), 3)).toEqual([]);
  });
});
