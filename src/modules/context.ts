import type { Db } from '../db/database.ts';
import type { Actor } from './auth/actor.ts';

/** What every service function takes first: the database (or a transaction) and who acts. */
export interface Ctx {
  db: Db;
  actor: Actor;
}
