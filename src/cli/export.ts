import { writeFileSync } from 'node:fs';
import { toCsv, toXlsx } from '../io/table-export.ts';
import { ANONYMOUS } from '../modules/auth/actor.ts';
import { ORGANISATION_COLUMNS } from '../modules/registry/organisations.export.ts';
import { iterateOrganisations } from '../modules/registry/organisations.service.ts';
import { openForCommand } from './database.ts';

export async function exportOrganisationsCommand(opts: {
  format: 'csv' | 'xlsx';
  out?: string;
  network?: string;
  asOf?: string;
}): Promise<number> {
  const handle = await openForCommand('export');
  try {
    const rows = iterateOrganisations(
      { db: handle.db, actor: ANONYMOUS },
      { network: opts.network, asOf: opts.asOf, sort: 'name' },
    );
    if (opts.format === 'xlsx') {
      const buf = await toXlsx(rows, ORGANISATION_COLUMNS, 'organisations');
      if (opts.out) writeFileSync(opts.out, buf);
      else process.stdout.write(buf);
    } else {
      let csv = '';
      for await (const part of toCsv(rows, ORGANISATION_COLUMNS)) csv += part;
      if (opts.out) writeFileSync(opts.out, csv);
      else process.stdout.write(csv);
    }
    return 0;
  } finally {
    await handle.close();
  }
}
