import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { Db } from '../../db/database.ts';
import { ConflictError, UnauthenticatedError, ValidationError } from '../../domain/errors.ts';
import { findNetworkBySlug } from '../registry/networks.repository.ts';
import { type Actor, ANONYMOUS } from './actor.ts';
import * as repo from './auth.repository.ts';

/** Sessions last 12 hours; the cookie carries a random token, the database only its SHA-256. */
export const SESSION_TTL_MS = 12 * 3600 * 1000;

// argon2id with OWASP's second recommended setting (19 MiB, t=2, p=1).
const ARGON = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export async function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON);
}

export async function createUser(
  db: Db,
  input: {
    email: string;
    displayName?: string;
    password: string;
    admin?: boolean;
    manages?: string[];
    memberOf?: number[];
  },
) {
  const email = input.email.trim().toLowerCase();
  if (!/^[^\s@]+@[^\s@]+$/.test(email))
    throw new ValidationError('Invalid e-mail address', [
      { path: 'email', message: `"${input.email}" is not an e-mail address` },
    ]);
  if (input.password.length < 10)
    throw new ValidationError('Password too short', [
      { path: 'password', message: 'a password has at least 10 characters' },
    ]);
  if (await repo.findUserByEmail(db, email))
    throw new ConflictError(`A user with e-mail ${email} already exists`);
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const { id } = await repo.insertUser(trx, {
      email,
      displayName: input.displayName ?? email,
      passwordHash,
      isAdmin: input.admin === true,
    });
    for (const slug of input.manages ?? []) {
      const n = await findNetworkBySlug(trx, slug);
      if (!n)
        throw new ValidationError(`Unknown network "${slug}"`, [
          { path: 'manages', message: `no network "${slug}"` },
        ]);
      await repo.insertRole(trx, {
        userId: id,
        role: 'network_manager',
        networkId: n.id,
        organisationId: null,
      });
    }
    for (const orgId of input.memberOf ?? []) {
      await repo.insertRole(trx, { userId: id, role: 'member', networkId: null, organisationId: orgId });
    }
    return { id };
  });
}

export async function login(
  db: Db,
  email: string,
  password: string,
): Promise<{ token: string; expiresAt: Date }> {
  const user = await repo.findUserByEmail(db, email.trim());
  // Verify against a dummy hash when the user is unknown, so timing does not reveal accounts.
  let ok = false;
  if (user) ok = await verify(user.passwordHash, password);
  else await hashPassword(password);
  if (!user || !ok) throw new UnauthenticatedError('Wrong e-mail or password');
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  await repo.insertSession(db, { tokenHash: tokenHash(token), userId: user.id, expiresAt });
  return { token, expiresAt };
}

export async function logout(db: Db, token: string): Promise<void> {
  await repo.deleteSession(db, tokenHash(token));
}

export async function actorFromToken(
  db: Db,
  token: string | undefined,
): Promise<Actor & { displayName?: string }> {
  if (!token) return ANONYMOUS;
  const s = await repo.findSession(db, tokenHash(token));
  if (!s || s.expiresAt.getTime() < Date.now()) return ANONYMOUS;
  const roles = await repo.rolesOf(db, s.userId);
  return {
    userId: s.userId,
    email: s.email,
    displayName: s.displayName,
    isAdmin: s.isAdmin,
    managerOf: roles
      .filter((r) => r.role === 'network_manager' && r.networkId != null)
      .map((r) => r.networkId!),
    memberOf: roles
      .filter((r) => r.role === 'member' && r.organisationId != null)
      .map((r) => r.organisationId!),
  };
}
