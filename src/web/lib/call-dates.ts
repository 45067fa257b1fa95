import type { Lang } from '../i18n/format.ts';

/** Calls open and close at a Brussels time, whatever the visitor's time zone. */
const BRUSSELS = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An ISO date-time as a Brussels date (31/03/2027, 31.03.2027 in German) and time (12:00). */
export function brusselsDateTime(lang: Lang, iso: string): { date: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: iso, time: '' };
  const parts: Record<string, string> = {};
  for (const p of BRUSSELS.formatToParts(d)) parts[p.type] = p.value;
  const sep = lang === 'de' ? '.' : '/';
  return {
    date: `${parts.day}${sep}${parts.month}${sep}${parts.year}`,
    time: `${parts.hour}:${parts.minute}`,
  };
}
