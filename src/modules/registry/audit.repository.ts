import type { Db } from '../../db/database.ts';
import type { Actor } from '../auth/actor.ts';

export async function audit(
  db: Db,
  actor: Actor,
  action: string,
  entity: string,
  entityId: string | number | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db
    .insertInto('auditLog')
    .values({
      userId: actor.userId,
      action,
      entity,
      entityId: entityId == null ? null : String(entityId),
      details: JSON.stringify(details),
    })
    .execute();
}
