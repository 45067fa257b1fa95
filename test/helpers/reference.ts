import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Db } from '../../src/db/database.ts';
import { SYSTEM } from '../../src/modules/auth/actor.ts';
import { importMunicipalities, importNace } from '../../src/modules/reference/reference.service.ts';

/** The shared reference files, beside the repository (../shared/data/reference). */
export const REFERENCE_DIR = resolve(process.cwd(), '..', 'shared', 'data', 'reference');

export function readReference(relative: string): Buffer {
  return readFileSync(resolve(REFERENCE_DIR, relative));
}

export const NACE_FILE = 'nacebel/nace2008.csv';
export const MUNICIPALITIES_FILE = 'be-municipalities/belgian_municipalities_2020.csv';

/** Import the NACE-BEL 2008 list and the municipalities, as `polaris import` does. */
export async function importReferenceLists(db: Db, which: { nace?: boolean; municipalities?: boolean } = {}) {
  const ctx = { db, actor: SYSTEM };
  if (which.nace !== false) await importNace(ctx, readReference(NACE_FILE));
  if (which.municipalities !== false) await importMunicipalities(ctx, readReference(MUNICIPALITIES_FILE));
}
