/**
 * Who is calling: the claims of a bearer token and the `Actor` the engine checks permissions for.
 * A token names the user (`sub`), the role (`role`, one of the practice model's roles), the
 * network area (`area`) and, for display only, the name (`name`).
 */
import { ROLES, type Actor, type Role } from '@tacu/domain';

export interface TokenClaims {
  sub: string;
  role: Role;
  area: string;
  name?: string;
}

/** Raised for a missing, malformed, expired or wrongly signed token: the API answers 401. */
export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthenticationError';
  }
}

const ROLE_SET: ReadonlySet<string> = new Set(ROLES);

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * The actor named by verified token claims. `system` (the deadline worker) never comes from a
 * token: it acts only inside the process.
 */
export function actorFromClaims(payload: Record<string, unknown>): Actor {
  const { sub, role, area, name } = payload;
  if (!isNonEmptyString(sub)) throw new AuthenticationError('The token does not name a user (claim "sub").');
  if (!isNonEmptyString(role) || !ROLE_SET.has(role) || role === 'system') {
    throw new AuthenticationError('The token does not name a known role (claim "role").');
  }
  if (!isNonEmptyString(area)) throw new AuthenticationError('The token does not name an area (claim "area").');
  const actor: Actor = { id: sub, role: role as Role, areaId: area };
  if (isNonEmptyString(name)) actor.name = name;
  return actor;
}

/** The claims to sign for an actor (the inverse of `actorFromClaims`). */
export function claimsFor(actor: Actor): TokenClaims {
  const claims: TokenClaims = { sub: actor.id, role: actor.role, area: actor.areaId };
  if (actor.name) claims.name = actor.name;
  return claims;
}

/** A user account as sign-in sees it (a row of `users`). */
export interface UserAccount {
  id: string;
  role: string;
  areaId: string;
  active: boolean;
}

/**
 * The actor a verified token may act as: the user it names must be known and active, and the
 * token's role and area must be the ones their account records (a token minted for a role or an
 * area the person does not hold is refused). Throws `AuthenticationError` (401) otherwise.
 */
export function confirmSignedIn(actor: Actor, account: UserAccount | null | undefined): Actor {
  if (!account) throw new AuthenticationError('The bearer token names a user this service does not know (claim "sub"): ask your administrator for an account.');
  if (!account.active) throw new AuthenticationError('The bearer token names a user whose account is no longer active: ask your administrator.');
  if (account.role !== actor.role) {
    throw new AuthenticationError(`The bearer token says role "${actor.role}", but the account of ${actor.id} holds role "${account.role}": ask for a new token.`);
  }
  if (account.areaId !== actor.areaId) {
    throw new AuthenticationError(`The bearer token says area "${actor.areaId}", but the account of ${actor.id} belongs to area "${account.areaId}": ask for a new token.`);
  }
  return actor;
}
