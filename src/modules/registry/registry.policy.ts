import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import type { Actor } from '../auth/actor.ts';

/**
 * Who may do what in the registry, in one place (tested as a matrix in registry.policy.test.ts).
 *
 * - public (anonymous): read networks, organisations and memberships;
 * - member of organisation O: edit O, read and manage O's people;
 * - network manager of N: create organisations; edit, and manage the memberships of, organisations
 *   that belong or belonged to N (memberships: only in N); read and manage their people; import into N;
 * - admin: everything, including networks and accounts.
 * People are personal data: never public.
 */

export type RegistryAction =
  | 'network:read'
  | 'network:write'
  | 'organisation:read'
  | 'organisation:create'
  | 'organisation:update'
  | 'organisation:delete'
  | 'membership:write'
  | 'people:read'
  | 'people:write'
  | 'import:organisations';

/** What the policy needs to know about the resource. */
export interface RegistryResource {
  organisationId?: number;
  /** networks the organisation belongs or belonged to */
  organisationNetworkIds?: number[];
  /** the network a membership or import concerns */
  networkId?: number | null;
}

export function can(actor: Actor, action: RegistryAction, r: RegistryResource = {}): boolean {
  if (actor.isAdmin) return true;
  const manages = (id: number | null | undefined) => id != null && actor.managerOf.includes(id);
  const managesOrg = () => (r.organisationNetworkIds ?? []).some((n) => actor.managerOf.includes(n));
  const isOwnOrg = () => r.organisationId != null && actor.memberOf.includes(r.organisationId);
  switch (action) {
    case 'network:read':
    case 'organisation:read':
      return true;
    case 'network:write':
      return false;
    case 'organisation:create':
      return actor.managerOf.length > 0;
    case 'organisation:update':
      return managesOrg() || isOwnOrg();
    case 'organisation:delete':
      // Only when every network the organisation belongs to is one the manager runs.
      return (
        actor.managerOf.length > 0 &&
        (r.organisationNetworkIds ?? []).length > 0 &&
        (r.organisationNetworkIds ?? []).every((n) => actor.managerOf.includes(n))
      );
    case 'membership:write':
      return manages(r.networkId);
    case 'people:read':
    case 'people:write':
      return managesOrg() || isOwnOrg();
    case 'import:organisations':
      return r.networkId == null ? actor.managerOf.length > 0 : manages(r.networkId);
  }
}

/** Throw 401 for anonymous, 403 for a logged-in actor without the right. */
export function authorize(actor: Actor, action: RegistryAction, r: RegistryResource = {}): void {
  if (can(actor, action, r)) return;
  if (actor.userId == null && !actor.isAdmin) throw new UnauthenticatedError();
  throw new ForbiddenError(`You are not allowed to ${action.replace(':', ' ')} here`);
}
