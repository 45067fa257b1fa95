/** Who is acting. Built once per request from the session cookie (auth.plugin.ts). */
export interface Actor {
  userId: number | null;
  email: string | null;
  isAdmin: boolean;
  /** network ids this user manages */
  managerOf: number[];
  /** organisation ids this user belongs to */
  memberOf: number[];
}

export const ANONYMOUS: Actor = Object.freeze({
  userId: null,
  email: null,
  isAdmin: false,
  managerOf: [],
  memberOf: [],
}) as Actor;

export const SYSTEM: Actor = Object.freeze({
  userId: null,
  email: 'system',
  isAdmin: true,
  managerOf: [],
  memberOf: [],
}) as Actor;

export function roleOf(actor: Actor): 'admin' | 'network_manager' | 'member' | 'anonymous' {
  if (actor.isAdmin) return 'admin';
  if (actor.managerOf.length > 0) return 'network_manager';
  if (actor.memberOf.length > 0) return 'member';
  return 'anonymous';
}
