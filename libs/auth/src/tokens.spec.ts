import { SignJWT } from 'jose';
import type { Actor } from '@tacu/domain';
import { AuthenticationError, confirmSignedIn } from './claims';
import { bearerToken, createTokenVerifier, signToken } from './tokens';

const secret = 'a-test-secret-that-is-long-enough-0123456789';
const aoife: Actor = { id: 'user-aoife', role: 'leadPractitioner', areaId: 'dublin-south-central', name: 'Aoife' };

describe('bearer tokens', () => {
  const verify = createTokenVerifier({ secret });

  it('gives back the actor a token was signed for', async () => {
    const token = await signToken(aoife, { secret });
    await expect(verify(token)).resolves.toEqual(aoife);
  });

  it('rejects a token signed with another secret', async () => {
    const token = await signToken(aoife, { secret: `${secret}-other` });
    await expect(verify(token)).rejects.toThrow('The bearer token signature is not valid.');
  });

  it('rejects an expired token', async () => {
    const token = await signToken(aoife, { secret, expiresIn: Math.floor(Date.now() / 1000) - 3600 });
    await expect(verify(token)).rejects.toThrow('The bearer token has expired; ask for a new one.');
  });

  it('rejects a token for another audience', async () => {
    const token = await signToken(aoife, { secret, audience: 'someone-else' });
    await expect(verify(token)).rejects.toThrow('claim "aud"');
  });

  it('rejects a token naming no known role, or the system role', async () => {
    const key = new TextEncoder().encode(secret);
    for (const role of ['superuser', 'system']) {
      const token = await new SignJWT({ sub: 'x', role, area: 'a' })
        .setProtectedHeader({ alg: 'HS256' })
        .setIssuer('tacu')
        .setAudience('tacu-api')
        .setExpirationTime('1h')
        .sign(key);
      await expect(verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    }
  });

  it('rejects an unsigned (alg none) token', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ sub: 'x', role: 'coordinator', area: 'a', iss: 'tacu', aud: 'tacu-api' })).toString('base64url');
    await expect(verify(`${header}.${body}.`)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('remembers a verified token until it expires, and no longer', async () => {
    let nowMs = Date.now();
    const cached = createTokenVerifier({ secret, now: () => nowMs });
    const exp = Math.floor(nowMs / 1000) + 60;
    const token = await signToken(aoife, { secret, expiresIn: exp });
    await expect(cached(token)).resolves.toEqual(aoife);
    await expect(cached(token)).resolves.toEqual(aoife);
    nowMs = exp * 1000 + 31_000; // past the expiry and the 30 s clock tolerance
    await expect(cached(token)).rejects.toThrow('expired');
  });

  it('never remembers a token that failed', async () => {
    const token = await signToken(aoife, { secret: `${secret}-other` });
    await expect(verify(token)).rejects.toBeInstanceOf(AuthenticationError);
    await expect(verify(token)).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses a short secret', () => {
    expect(() => createTokenVerifier({ secret: 'short' })).toThrow('at least 32 characters');
  });

  it('reads the token of a Bearer header only', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});

describe('token lifetime', () => {
  const key = new TextEncoder().encode(secret);
  const nowS = Math.floor(Date.now() / 1000);
  const sign = (claims: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ sub: aoife.id, role: aoife.role, area: aoife.areaId }).setProtectedHeader({ alg: 'HS256' }).setIssuer('tacu').setAudience('tacu-api');
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(key);
  };
  const verify = createTokenVerifier({ secret, cacheSize: 0 });

  it('refuses a token without an expiry', async () => {
    await expect(verify(await sign({ iat: nowS }))).rejects.toThrow('The bearer token has no expiry (claim "exp")');
  });

  it('refuses a token valid for longer than the configured maximum (default 1 hour), from its iat or from now', async () => {
    await expect(verify(await sign({ iat: nowS, exp: nowS + 3600 }))).resolves.toEqual({ id: aoife.id, role: aoife.role, areaId: aoife.areaId });
    await expect(verify(await sign({ iat: nowS, exp: nowS + 3600 + 31 }))).rejects.toThrow('valid for longer than this service allows (3600 s');
    await expect(verify(await sign({ iat: nowS - 3000, exp: nowS + 601 + 30 }))).rejects.toThrow('valid for longer');
    await expect(verify(await sign({ exp: nowS + 3600 }))).resolves.toMatchObject({ id: aoife.id });
    await expect(verify(await sign({ exp: nowS + 4000 }))).rejects.toThrow('valid for longer');
    const strict = createTokenVerifier({ secret, cacheSize: 0, maxLifetimeSeconds: 300 });
    await expect(strict(await sign({ iat: nowS, exp: nowS + 600 }))).rejects.toThrow('(300 s');
  });

  it('refuses a token issued in the future, beyond the clock tolerance', async () => {
    await expect(verify(await sign({ iat: nowS + 20, exp: nowS + 600 }))).resolves.toMatchObject({ id: aoife.id });
    await expect(verify(await sign({ iat: nowS + 120, exp: nowS + 600 }))).rejects.toThrow('issued in the future');
  });

  it('signs demo tokens valid for one hour by default', async () => {
    const token = await signToken(aoife, { secret });
    const [, body] = token.split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString('utf8')) as { iat: number; exp: number };
    expect(payload.exp - payload.iat).toBe(3600);
  });
});

describe('signing in', () => {
  const account = { id: aoife.id, role: 'leadPractitioner', areaId: 'dublin-south-central', active: true };

  it('lets a known, active user act in the role and area of their account', () => {
    expect(confirmSignedIn(aoife, account)).toBe(aoife);
  });

  it('refuses an unknown user, an inactive one, and a token claiming another role or area', () => {
    expect(() => confirmSignedIn(aoife, null)).toThrow('names a user this service does not know');
    expect(() => confirmSignedIn(aoife, { ...account, active: false })).toThrow('no longer active');
    expect(() => confirmSignedIn(aoife, { ...account, role: 'agencyPractitioner' })).toThrow('holds role "agencyPractitioner"');
    expect(() => confirmSignedIn(aoife, { ...account, areaId: 'galway' })).toThrow('belongs to area "galway"');
    expect(() => confirmSignedIn(aoife, null)).toThrow(AuthenticationError);
  });
});
