import { describe, expect, it } from 'vitest';
import { isMemberOn, periodsOverlap, provinceOfMunicipality } from './organisation.ts';

describe('isMemberOn (leftOn is the last day as a member)', () => {
  const m = { joinedOn: '2012-05-01', leftOn: '2017-12-31' };
  it.each([
    ['2012-04-30', false],
    ['2012-05-01', true],
    ['2015-06-15', true],
    ['2017-12-31', true],
    ['2018-01-01', false],
  ])('on %s → %s', (day, member) => {
    expect(isMemberOn(m, day)).toBe(member);
  });

  it('an open membership runs on', () => {
    expect(isMemberOn({ joinedOn: '2012-05-01', leftOn: null }, '2099-01-01')).toBe(true);
  });
});

describe('periodsOverlap', () => {
  const a = { joinedOn: '2010-01-01', leftOn: '2012-12-31' };
  it.each([
    [{ joinedOn: '2012-12-31', leftOn: null }, true, 'starts on the last day of the other'],
    [{ joinedOn: '2013-01-01', leftOn: null }, false, 'starts the day after'],
    [{ joinedOn: '2005-01-01', leftOn: '2009-12-31' }, false, 'ends the day before'],
    [{ joinedOn: '2005-01-01', leftOn: '2010-01-01' }, true, 'ends on the first day'],
    [{ joinedOn: '2011-01-01', leftOn: '2011-06-30' }, true, 'inside'],
    [{ joinedOn: '2005-01-01', leftOn: null }, true, 'open, started before'],
  ])('%j → %s (%s)', (b, overlap, _case) => {
    expect(periodsOverlap(a, b)).toBe(overlap);
    expect(periodsOverlap(b, a)).toBe(overlap);
  });
});

describe('provinceOfMunicipality', () => {
  it.each([
    ['62063', '60000'], // Liège
    ['25072', '20002'], // Wavre, Walloon Brabant
    ['24062', '20001'], // Leuven, Flemish Brabant
    ['21004', '04000'], // Brussels
    ['92094', '90000'], // Namur
    ['52011', '50000'], // Charleroi
    ['84077', '80000'], // Libramont-Chevigny
    ['11002', '10000'], // Antwerp
    ['1234', null],
  ])('%s → %s', (nis, province) => {
    expect(provinceOfMunicipality(nis)).toBe(province);
  });
});
