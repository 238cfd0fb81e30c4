/**
 * Bearer tokens (JWT, via jose): verified with a shared HS256 secret (the embedded default) or an
 * identity provider's JWKS (RS256/ES256...). Both give the same `Actor`.
 */
import { SignJWT, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Actor } from '@tacu/domain';
import { AuthenticationError, actorFromClaims, claimsFor } from './claims';

export const DEFAULT_ISSUER = 'tacu';
export const DEFAULT_AUDIENCE = 'tacu-api';

export type TokenVerifierOptions = {
  issuer?: string;
  audience?: string;
  /** Tolerated clock difference, in seconds (default 30). */
  clockToleranceSeconds?: number;
  /**
   * The longest a token may be valid, in seconds from its `iat` (or from now, without one) to its
   * `exp`, plus the clock tolerance. Default 3600: a stolen token is worth an hour at most.
   */
  maxLifetimeSeconds?: number;
  /**
   * Verified tokens remembered (by their exact text) until they expire or for at most
   * `cacheTtlSeconds`, so a client's every request does not pay for the signature check again.
   * 0 turns it off. Default 1000 tokens.
   */
  cacheSize?: number;
  /** Default 300 s: a key rotated at the identity provider is noticed within this time. */
  cacheTtlSeconds?: number;
  /** Where time comes from (tests). */
  now?: () => number;
} & ({ secret: string; jwksUrl?: undefined } | { jwksUrl: string; secret?: undefined });

export type TokenVerifier = (token: string) => Promise<Actor>;

function secretKey(secret: string): Uint8Array {
  if (secret.length < 32) throw new Error('The token secret must be at least 32 characters long.');
  return new TextEncoder().encode(secret);
}

export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 3600;

/**
 * Builds the function that turns a bearer token into an `Actor`, or throws `AuthenticationError`:
 * signature, issuer and audience checked; `exp` required, at most `maxLifetimeSeconds` after `iat`
 * (or after now); an `iat` in the future refused. Whether the user it names may sign in is the
 * caller's question (the API asks its users table).
 */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const issuer = options.issuer ?? DEFAULT_ISSUER;
  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const clockTolerance = options.clockToleranceSeconds ?? 30;
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const now = options.now ?? Date.now;
  const verifyOptions = () => ({ issuer, audience, clockTolerance, currentDate: new Date(now()), requiredClaims: ['exp'] });
  let verify: (token: string) => Promise<{ payload: Record<string, unknown> }>;
  if (options.jwksUrl !== undefined) {
    const jwks: JWTVerifyGetKey = createRemoteJWKSet(new URL(options.jwksUrl));
    verify = (token) => jwtVerify(token, jwks, verifyOptions());
  } else {
    const key = secretKey(options.secret);
    verify = (token) => jwtVerify(token, key, { ...verifyOptions(), algorithms: ['HS256'] });
  }
  const cacheSize = options.cacheSize ?? 1000;
  const cacheTtlMs = (options.cacheTtlSeconds ?? 300) * 1000;
  const cache = cacheSize > 0 ? new Map<string, { actor: Actor; until: number }>() : undefined;
  return async (token: string) => {
    if (cache) {
      const cached = cache.get(token);
      if (cached && now() < cached.until) return { ...cached.actor };
      cache.delete(token); // lapsed: verified again below (and remembered as the newest), or gone
    }
    let payload: VerifiedPayload;
    try {
      // jose has required `exp` and checked that `exp`, `iat` and `nbf` are numbers.
      payload = (await verify(token)).payload as VerifiedPayload;
    } catch (error) {
      throw new AuthenticationError(describeJoseError(error));
    }
    checkLifetime(payload, Math.floor(now() / 1000), maxLifetime, clockTolerance);
    const actor = actorFromClaims(payload);
    if (cache) {
      if (cache.size >= cacheSize) {
        const [oldest] = cache.keys();
        cache.delete(oldest);
      }
      cache.set(token, { actor, until: Math.min(payload.exp * 1000, now() + cacheTtlMs) });
    }
    return { ...actor };
  };
}

type VerifiedPayload = Record<string, unknown> & { exp: number; iat?: number };

/** `iat` not in the future; `exp` no further than `maxLifetime` seconds from `iat` (or now). */
function checkLifetime({ iat, exp }: VerifiedPayload, nowSeconds: number, maxLifetime: number, tolerance: number): void {
  const from = iat ?? nowSeconds;
  if (from > nowSeconds + tolerance) {
    throw new AuthenticationError('The bearer token says it was issued in the future (claim "iat"): check the clock of the service that issued it.');
  }
  if (exp - from > maxLifetime + tolerance) {
    throw new AuthenticationError(`The bearer token is valid for longer than this service allows (${maxLifetime} s, claim "exp"): ask for a token that expires sooner.`);
  }
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') {
    return 'The bearer token has no expiry (claim "exp"): ask for a token that expires.';
  }
  if (error instanceof joseErrors.JWTExpired) return 'The bearer token has expired; ask for a new one.';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    // Issuer and audience say whom the token is for; any other claim (a non-numeric `iat`, an `nbf` still to come) makes it invalid.
    if (error.claim === 'iss' || error.claim === 'aud') return `The bearer token is not for this service (claim "${error.claim}").`;
    return `The bearer token is not valid (claim "${error.claim}").`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'The bearer token signature is not valid.';
  if (error instanceof joseErrors.JOSEError) return 'The bearer token is not valid.';
  return 'The bearer token could not be verified.';
}

export interface SignTokenOptions {
  secret: string;
  issuer?: string;
  audience?: string;
  /** jose duration ("30m", "1h") or seconds since epoch. Default 1h. */
  expiresIn?: string | number;
  /** Issue time (seconds since epoch); defaults to now. Tests pass their clock. */
  issuedAt?: number;
}

/** Signs an HS256 token for an actor: demo users and tests. Real deployments use their IdP. */
export async function signToken(actor: Actor, options: SignTokenOptions): Promise<string> {
  const jwt = new SignJWT({ ...claimsFor(actor) })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(options.issuer ?? DEFAULT_ISSUER)
    .setAudience(options.audience ?? DEFAULT_AUDIENCE)
    .setSubject(actor.id)
    .setExpirationTime(options.expiresIn ?? '1h');
  jwt.setIssuedAt(options.issuedAt); // now, without one
  return jwt.sign(secretKey(options.secret));
}

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+([A-Za-z0-9\-_.]+)\s*$/i.exec(value ?? '');
  return match?.[1];
}
