/** Dates as users write them in Belgium (31/12/2017, 31.12.2017) and as ISO (2017-12-31). */

export type DateParse = { ok: true; value: string } | { ok: false; reason: string };

function valid(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return d <= days && y >= 1800 && y <= 2200;
}

/** Parse to ISO `YYYY-MM-DD`; a bare year `2012` means 1 January. */
export function parseDate(input: string): DateParse {
  const s = input.trim();
  let y: number;
  let m: number;
  let d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/.exec(s);
  const be = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const year = /^(\d{4})$/.exec(s);
  if (iso) {
    y = Number(iso[1]);
    m = Number(iso[2]);
    d = Number(iso[3]);
  } else if (be) {
    d = Number(be[1]);
    m = Number(be[2]);
    y = Number(be[3]);
  } else if (year) {
    y = Number(year[1]);
    m = 1;
    d = 1;
  } else {
    return { ok: false, reason: `"${s}" is not a date (expected 31/12/2017 or 2017-12-31)` };
  }
  if (!valid(y, m, d)) return { ok: false, reason: `"${s}" is not a valid calendar date` };
  return { ok: true, value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

export function todayIso(now = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** ISO → Belgian display `31/12/2017`. */
export function formatDateBe(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}
