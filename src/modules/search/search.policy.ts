import type { Actor } from '../auth/actor.ts';
import type { PeopleScope } from './search.repository.ts';

/**
 * Whose people (contacts, personal data) a search may return: exactly the `people:read` rule of
 * registry.policy.ts, as a scope the repository turns into SQL — admins all; a member the
 * people of their own organisations; a network manager the people of organisations that belong
 * or belonged to a network they manage; the public none (the people branch is not even queried).
 */
export function peopleScope(actor: Actor): PeopleScope {
  if (actor.isAdmin) return { all: true };
  if (actor.managerOf.length === 0 && actor.memberOf.length === 0) return null;
  return { networkIds: [...actor.managerOf], organisationIds: [...actor.memberOf] };
}
