import { describe, expect, it } from 'vitest';
import { formatDateBe, parseDate, todayIso } from './dates.ts';

describe('parseDate', () => {
  it.each([
    ['31/12/2017', '2017-12-31'],
    ['2017-12-31', '2017-12-31'],
    ['31.12.2017', '2017-12-31'],
    ['31-12-2017', '2017-12-31'],
    ['1/2/2017', '2017-02-01'],
    ['2017-2-1', '2017-02-01'],
    ['29/02/2020', '2020-02-29'],
    ['2017-12-31T14:30:00Z', '2017-12-31'],
    ['2017-12-31 00:00:00', '2017-12-31'],
    ['2012', '2012-01-01'],
    ['  31/12/2017 ', '2017-12-31'],
  ])('reads %j as %s', (input, iso) => {
    expect(parseDate(input)).toEqual({ ok: true, value: iso });
  });

  it.each(['29/02/2019', '31/04/2017', '00/01/2017', '13/13/2017', '2017-02-30', '2017-00-10', '01/01/1799'])(
    'refuses %j: not a calendar date',
    (input) => {
      expect(parseDate(input)).toEqual({ ok: false, reason: `"${input}" is not a valid calendar date` });
    },
  );

  it.each(['yesterday', '12/2017', '2017/12/31', '31122017', ''])(
    'refuses %j and shows the expected forms',
    (input) => {
      expect(parseDate(input)).toEqual({
        ok: false,
        reason: `"${input}" is not a date (expected 31/12/2017 or 2017-12-31)`,
      });
    },
  );
});

describe('formatDateBe and todayIso', () => {
  it('writes ISO dates the Belgian way', () => {
    expect(formatDateBe('2017-12-31')).toBe('31/12/2017');
  });

  it('gives the UTC calendar day', () => {
    expect(todayIso(new Date('2024-02-29T23:59:59Z'))).toBe('2024-02-29');
  });
});
