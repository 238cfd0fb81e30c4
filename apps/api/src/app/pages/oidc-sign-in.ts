/**
 * Sign-in through the organisation's OpenID Connect provider (issue 15 §2) with `openid-client`
 * (authorisation code flow with PKCE S256, `state` and `nonce`; the ID token checked by the
 * library: issuer, audience, signature, expiry, nonce). The provider is discovered from
 * OIDC_ISSUER at the first sign-in (and again after a failure), not at start-up, so the pages
 * and the API start while the provider is away.
 *
 * Who the person is comes from configured claims (OIDC_USER_ID_CLAIM, OIDC_ROLE_CLAIM,
 * OIDC_AREA_CLAIM, OIDC_NAME_CLAIM) of the ID token, or of the UserInfo answer when the ID token
 * lacks the role or the area; the account of that id must then be known and active with that
 * role and area, as for a bearer token (`confirmSignedIn`).
 */
import * as client from 'openid-client';
import { ROLES, type Actor, type Role } from '@tacu/domain';
import type { OidcConfig } from '../config/app-config';
import type { OidcTransaction } from './page-session';

/** The provider's answer could not sign the person in (a failed exchange, missing or unusable claims). */
export class OidcSignInError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcSignInError';
  }
}

export const CALLBACK_PATH = '/app/sign-in/callback';
/** Where the provider sends the browser back after its logout. */
export const SIGNED_OUT_PATH = '/app/signed-out';

type Claims = Record<string, unknown>;

/** The role a claim names: one of ours, given alone or in a list (groups). Throws when none or several. */
export function roleFromClaim(value: unknown, claim: string): Role {
  const candidates = (Array.isArray(value) ? value : [value]).filter((v): v is Role => typeof v === 'string' && v !== 'system' && (ROLES as readonly string[]).includes(v));
  if (candidates.length !== 1) throw new OidcSignInError(`The claim "${claim}" must name exactly one role of this service (${ROLES.filter((r) => r !== 'system').join(', ')}).`);
  return candidates[0] as Role;
}

/** The actor the claims name, by the configured claim names. Throws OidcSignInError for a missing one. */
export function actorFromClaims(claims: Claims, names: OidcConfig['claims']): Actor {
  const text = (claim: string): string => {
    const value = claims[claim];
    if (typeof value !== 'string' || value.trim() === '') throw new OidcSignInError(`The identity provider did not give the claim "${claim}".`);
    return value;
  };
  const name = typeof claims[names.name] === 'string' ? (claims[names.name] as string) : undefined;
  return { id: text(names.userId), role: roleFromClaim(claims[names.role], names.role), areaId: text(names.area), ...(name ? { name } : {}) };
}

export class OidcSignIn {
  private configuration: Promise<client.Configuration> | undefined;

  constructor(
    private readonly settings: OidcConfig,
    private readonly publicUrl: string,
  ) {}

  get redirectUri(): string {
    return `${this.publicUrl}${CALLBACK_PATH}`;
  }

  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret, allowHttp } = this.settings;
      this.configuration = client
        .discovery(new URL(issuer), clientId, clientSecret === undefined ? { redirect_uris: [this.redirectUri] } : clientSecret, clientSecret === undefined ? client.None() : undefined, {
          ...(allowHttp ? { execute: [client.allowInsecureRequests] } : {}),
        })
        .catch((error: unknown) => {
          // Asked again at the next sign-in: the provider may be back.
          this.configuration = undefined;
          throw new OidcSignInError(`The identity provider at ${issuer} could not be reached: ${(error as Error).message}`);
        });
    }
    return this.configuration;
  }

  /** Where to send the browser, and what to keep until it comes back. */
  async start(): Promise<{ url: string; transaction: OidcTransaction }> {
    const config = await this.config();
    const transaction: OidcTransaction = { state: client.randomState(), nonce: client.randomNonce(), codeVerifier: client.randomPKCECodeVerifier() };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.redirectUri,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(transaction.codeVerifier),
      code_challenge_method: 'S256',
      state: transaction.state,
      nonce: transaction.nonce,
    });
    return { url: url.href, transaction };
  }

  /**
   * Where to send the browser at sign-out so the provider ends its session too (OpenID Connect
   * RP-Initiated Logout 1.0: `client_id` and `post_logout_redirect_uri`, the signed-out page), or
   * null when the provider has no end session endpoint or cannot be reached: our session has ended
   * either way, and the signed-out page says so.
   */
  async endSessionUrl(): Promise<string | null> {
    try {
      const config = await this.config();
      if (!config.serverMetadata().end_session_endpoint) return null;
      return client.buildEndSessionUrl(config, { post_logout_redirect_uri: `${this.publicUrl}${SIGNED_OUT_PATH}` }).href;
    } catch (error) {
      if (error instanceof OidcSignInError) return null;
      throw error;
    }
  }

  /** The person the provider's answer at `callbackUrl` names; throws OidcSignInError. */
  async finish(callbackUrl: URL, transaction: OidcTransaction): Promise<Actor> {
    const config = await this.config();
    let claims: Claims;
    try {
      const tokens = await client.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: transaction.codeVerifier,
        expectedState: transaction.state,
        expectedNonce: transaction.nonce,
        idTokenExpected: true,
      });
      claims = { ...(tokens.claims() ?? {}) };
      const { role, area } = this.settings.claims;
      if ((claims[role] === undefined || claims[area] === undefined) && config.serverMetadata().userinfo_endpoint) {
        claims = { ...(await client.fetchUserInfo(config, tokens.access_token, String(claims['sub']))), ...claims };
      }
    } catch (error) {
      if (error instanceof OidcSignInError) throw error;
      throw new OidcSignInError(`The identity provider's answer was refused: ${(error as Error).message}`);
    }
    return actorFromClaims(claims, this.settings.claims);
  }
}
