import { describe, expect, it } from 'vitest';
import { normaliseName, stripAccents } from './text.ts';

describe('stripAccents', () => {
  it('removes diacritics and keeps the letters', () => {
    expect(stripAccents('Liège, Namêche, Sœur, Çà')).toBe('Liege, Nameche, Sœur, Ca');
  });
});

describe('normaliseName', () => {
  it.each([
    ['Thales Alenia Space Belgium S.A.', 'thales alenia space belgium'],
    ['THALES ALENIA SPACE BELGIUM', 'thales alenia space belgium'],
    ['Liège Airport SA', 'liege airport'],
    ['Société Générale S.R.L.', 'societe generale'],
    ['IBA s.a.', 'iba'],
    ['Bio-Tech   Wallonie sprl', 'bio tech wallonie'],
    ['A & B BVBA', 'a et b'],
    ['Ets. Dupont & Fils SRL', 'ets dupont et fils'],
    ['Les Amis du Pôle ASBL', 'les amis du pole'],
    ['Vrienden vzw', 'vrienden'],
  ])('%j → %j', (name, key) => {
    expect(normaliseName(name)).toBe(key);
  });

  it('makes spellings of the same company equal and different companies different', () => {
    expect(normaliseName('Thales Alenia Space Belgium S.A.')).toBe(
      normaliseName('thales alenia space belgium'),
    );
    expect(normaliseName('Cellule Liège')).not.toBe(normaliseName('Cellule Namur'));
  });

  it('keeps legal-form letters inside words ("Sabca" is not "SA")', () => {
    expect(normaliseName('Sabca')).toBe('sabca');
    expect(normaliseName('Nvidia Belgium')).toBe('nvidia belgium');
  });
});
