import { describe, expect, it } from 'vitest';
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.ts';
import { type Actor, ANONYMOUS } from '../auth/actor.ts';
import { authorize, can, type RegistryAction, type RegistryResource } from './registry.policy.ts';

/** Organisation O (#1) belongs to network N (#10); M (#20) is another network. */
const O = 1;
const N = 10;
const M = 20;

const actor = (over: Partial<Actor>): Actor => ({
  userId: 99,
  email: 'x@test',
  isAdmin: false,
  managerOf: [],
  memberOf: [],
  ...over,
});

const ROLES = {
  anonymous: ANONYMOUS,
  memberOfO: actor({ memberOf: [O] }),
  managerOfN: actor({ managerOf: [N] }),
  managerOfM: actor({ managerOf: [M] }),
  admin: actor({ isAdmin: true }),
} as const;
type Role = keyof typeof ROLES;

const orgO: RegistryResource = { organisationId: O, organisationNetworkIds: [N] };

/** [action, resource, allowed roles]; every other role is refused. */
const MATRIX: [string, RegistryAction, RegistryResource, Role[]][] = [
  ['read a network', 'network:read', {}, ['anonymous', 'memberOfO', 'managerOfN', 'managerOfM', 'admin']],
  ['write a network', 'network:write', {}, ['admin']],
  [
    'read an organisation',
    'organisation:read',
    orgO,
    ['anonymous', 'memberOfO', 'managerOfN', 'managerOfM', 'admin'],
  ],
  ['create an organisation', 'organisation:create', {}, ['managerOfN', 'managerOfM', 'admin']],
  ['update O', 'organisation:update', orgO, ['memberOfO', 'managerOfN', 'admin']],
  ['delete O', 'organisation:delete', orgO, ['managerOfN', 'admin']],
  ['write a membership in N', 'membership:write', { networkId: N }, ['managerOfN', 'admin']],
  ['write a membership in M', 'membership:write', { networkId: M }, ['managerOfM', 'admin']],
  ['read the people of O', 'people:read', orgO, ['memberOfO', 'managerOfN', 'admin']],
  ['write the people of O', 'people:write', orgO, ['memberOfO', 'managerOfN', 'admin']],
  ['import into N', 'import:organisations', { networkId: N }, ['managerOfN', 'admin']],
  [
    'import into no network',
    'import:organisations',
    { networkId: null },
    ['managerOfN', 'managerOfM', 'admin'],
  ],
];

describe('can(): every role × every action', () => {
  const cells = MATRIX.flatMap(([label, action, resource, allowed]) =>
    (Object.keys(ROLES) as Role[]).map(
      (role) => [label, role, action, resource, allowed.includes(role)] as const,
    ),
  );
  it.each(cells)('%s as %s', (_label, role, action, resource, expected) => {
    expect(can(ROLES[role], action, resource)).toBe(expected);
  });
});

describe('can(): the edges of the rules', () => {
  it('a member edits only their own organisation', () => {
    expect(
      can(ROLES.memberOfO, 'organisation:update', { organisationId: 2, organisationNetworkIds: [N] }),
    ).toBe(false);
    expect(can(ROLES.memberOfO, 'people:read', { organisationId: 2, organisationNetworkIds: [] })).toBe(
      false,
    );
  });

  it('a manager deletes only organisations all of whose networks they run', () => {
    const both = { organisationId: O, organisationNetworkIds: [N, M] };
    expect(can(ROLES.managerOfN, 'organisation:delete', both)).toBe(false);
    expect(can(actor({ managerOf: [N, M] }), 'organisation:delete', both)).toBe(true);
    // but may still edit it, since it is in N
    expect(can(ROLES.managerOfN, 'organisation:update', both)).toBe(true);
  });

  it('an organisation in no network can be deleted by an admin only', () => {
    const orphan = { organisationId: 3, organisationNetworkIds: [] };
    expect(can(ROLES.managerOfN, 'organisation:delete', orphan)).toBe(false);
    expect(can(ROLES.admin, 'organisation:delete', orphan)).toBe(true);
  });

  it('a membership without a network is nobody’s but the admin’s', () => {
    expect(can(ROLES.managerOfN, 'membership:write', {})).toBe(false);
    expect(can(ROLES.admin, 'membership:write', {})).toBe(true);
  });
});

describe('authorize', () => {
  it('passes silently when allowed', () => {
    expect(() => authorize(ROLES.managerOfN, 'membership:write', { networkId: N })).not.toThrow();
  });

  it('answers 401 (unauthenticated) to anonymous and 403 (forbidden) to a logged-in user', () => {
    expect(() => authorize(ANONYMOUS, 'organisation:create')).toThrow(UnauthenticatedError);
    expect(() => authorize(ROLES.memberOfO, 'organisation:create')).toThrow(ForbiddenError);
    expect(() => authorize(ROLES.managerOfM, 'membership:write', { networkId: N })).toThrow(
      'You are not allowed to membership write here',
    );
  });
});
