import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import type { Actor } from '@tacu/domain';
import { AuthenticationError, confirmSignedIn } from './claims';
import { bearerToken, createTokenVerifier, signToken } from './tokens';

// jose's jwtVerify, passed through and counted: how many signature checks a verifier paid for.
jest.mock('jose', () => {
  const actual = jest.requireActual<typeof import('jose')>('jose');
  return { ...actual, jwtVerify: jest.fn(actual.jwtVerify) };
});
const signatureChecks = jwtVerify as jest.MockedFunction<typeof jwtVerify>;

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

/** A fixed clock, in the past: a check that read the real clock instead would find these tokens long expired. */
const T = 1_700_000_000; // 2023-11-14T22:13:20Z, in seconds
const hsKey = new TextEncoder().encode(secret);
const aoifeAsIs: Actor = { id: aoife.id, role: aoife.role, areaId: aoife.areaId };
/** A token with these claims over the defaults (named Aoife's, for tacu/tacu-api, issued at T, valid 10 minutes); undefined leaves a claim out. */
const tokenWith = (claims: Record<string, unknown> = {}, alg = 'HS256', key: Parameters<SignJWT['sign']>[0] = hsKey) =>
  new SignJWT({ sub: aoife.id, role: aoife.role, area: aoife.areaId, iss: 'tacu', aud: 'tacu-api', iat: T, exp: T + 600, ...claims })
    .setProtectedHeader({ alg })
    .sign(key);
const clockAt = (seconds: number) => {
  const clock = { ms: seconds * 1000, now: () => clock.ms };
  return clock;
};
const payloadOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const headerOf = (token: string): Record<string, unknown> => JSON.parse(Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

describe('what a refused token is told (the 401 message)', () => {
  const verify = createTokenVerifier({ secret, now: clockAt(T).now, cacheSize: 0 });
  const refusals: [string, () => Promise<string>, string][] = [
    ['another issuer', () => tokenWith({ iss: 'elsewhere' }), 'The bearer token is not for this service (claim "iss").'],
    ['no issuer', () => tokenWith({ iss: undefined }), 'The bearer token is not for this service (claim "iss").'],
    ['another audience', () => tokenWith({ aud: 'someone-else' }), 'The bearer token is not for this service (claim "aud").'],
    ['no audience', () => tokenWith({ aud: undefined }), 'The bearer token is not for this service (claim "aud").'],
    ['no expiry', () => tokenWith({ exp: undefined }), 'The bearer token has no expiry (claim "exp"): ask for a token that expires.'],
    ['an expiry that is not a time', () => tokenWith({ exp: 'tomorrow' }), 'The bearer token is not valid (claim "exp").'],
    ['an issue time that is not a time', () => tokenWith({ iat: 'yesterday' }), 'The bearer token is not valid (claim "iat").'],
    ['a "not before" still to come', () => tokenWith({ nbf: T + 600 }), 'The bearer token is not valid (claim "nbf").'],
    ['an expiry past', () => tokenWith({ iat: T - 600, exp: T - 60 }), 'The bearer token has expired; ask for a new one.'],
    ['another secret', () => tokenWith({}, 'HS256', new TextEncoder().encode(`${secret}-other`)), 'The bearer token signature is not valid.'],
    ['the secret with another algorithm (HS512)', () => tokenWith({}, 'HS512'), 'The bearer token is not valid.'],
    ['no signature (alg none)', async () => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${(await tokenWith()).split('.')[1]}.`, 'The bearer token is not valid.'],
    ['no token at all', async () => 'not-a-token', 'The bearer token is not valid.'],
  ];
  it.each(refusals)('a token with %s', async (_, token, message) => {
    await expect(verify(await token())).rejects.toThrow(new AuthenticationError(message));
    await expect(verify(await token())).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('checks the issuer and audience the verifier is built for', async () => {
    const theirs = createTokenVerifier({ secret, issuer: 'idp.example', audience: 'other-api' });
    await expect(theirs(await signToken(aoife, { secret, issuer: 'idp.example', audience: 'other-api' }))).resolves.toEqual(aoife);
    await expect(theirs(await signToken(aoife, { secret }))).rejects.toThrow('(claim "iss")');
    await expect(theirs(await signToken(aoife, { secret, issuer: 'idp.example' }))).rejects.toThrow('(claim "aud")');
  });
});

describe('the clock a verifier reads', () => {
  it('is the one it is given: every time check is made at that time', async () => {
    const verify = createTokenVerifier({ secret, now: clockAt(T + 1).now, cacheSize: 0 });
    await expect(verify(await tokenWith())).resolves.toEqual(aoifeAsIs);
  });

  it('an expired token is accepted within the clock tolerance (30 s by default) after its exp, not after', async () => {
    const clock = clockAt(T + 600 + 29);
    const verify = createTokenVerifier({ secret, now: clock.now, cacheSize: 0 });
    await expect(verify(await tokenWith())).resolves.toEqual(aoifeAsIs);
    clock.ms = (T + 600 + 30) * 1000;
    await expect(verify(await tokenWith())).rejects.toThrow('The bearer token has expired; ask for a new one.');
  });

  it('a token issued up to the tolerance in the future is accepted; one second more is refused', async () => {
    const verify = createTokenVerifier({ secret, now: clockAt(T).now, cacheSize: 0 });
    await expect(verify(await tokenWith({ iat: T + 30, exp: T + 630 }))).resolves.toEqual(aoifeAsIs);
    await expect(verify(await tokenWith({ iat: T + 31, exp: T + 631 }))).rejects.toThrow(
      new AuthenticationError('The bearer token says it was issued in the future (claim "iat"): check the clock of the service that issued it.'),
    );
  });

  it('tolerates the clock difference it is told (here none)', async () => {
    const clock = clockAt(T);
    const strict = createTokenVerifier({ secret, now: clock.now, cacheSize: 0, clockToleranceSeconds: 0 });
    await expect(strict(await tokenWith({ iat: T }))).resolves.toEqual(aoifeAsIs);
    await expect(strict(await tokenWith({ iat: undefined }))).resolves.toEqual(aoifeAsIs);
    await expect(strict(await tokenWith({ iat: T + 1, exp: T + 601 }))).rejects.toThrow('issued in the future');
    await expect(strict(await tokenWith({ iat: T, exp: T + 3600 }))).resolves.toEqual(aoifeAsIs);
    await expect(strict(await tokenWith({ iat: T, exp: T + 3601 }))).rejects.toThrow('valid for longer');
    clock.ms = (T + 600) * 1000;
    await expect(strict(await tokenWith())).rejects.toThrow('has expired');
  });
});

describe('the longest a token may be valid', () => {
  const verify = createTokenVerifier({ secret, now: clockAt(T).now, cacheSize: 0 });
  const tooLong = new AuthenticationError('The bearer token is valid for longer than this service allows (3600 s, claim "exp"): ask for a token that expires sooner.');

  it('is an hour (plus the clock tolerance) from its iat: exactly that is accepted, one second more is refused', async () => {
    await expect(verify(await tokenWith({ iat: T, exp: T + 3630 }))).resolves.toEqual(aoifeAsIs);
    await expect(verify(await tokenWith({ iat: T, exp: T + 3631 }))).rejects.toThrow(tooLong);
  });

  it('is counted from its iat, however little of it is left', async () => {
    await expect(verify(await tokenWith({ iat: T - 3000, exp: T + 631 }))).rejects.toThrow(tooLong);
    await expect(verify(await tokenWith({ iat: T - 3000, exp: T + 630 }))).resolves.toEqual(aoifeAsIs);
  });

  it('is counted from now for a token without iat', async () => {
    await expect(verify(await tokenWith({ iat: undefined, exp: T + 3630 }))).resolves.toEqual(aoifeAsIs);
    await expect(verify(await tokenWith({ iat: undefined, exp: T + 3631 }))).rejects.toThrow(tooLong);
  });

  it('is what the verifier is told', async () => {
    const strict = createTokenVerifier({ secret, now: clockAt(T).now, cacheSize: 0, maxLifetimeSeconds: 300 });
    await expect(strict(await tokenWith({ iat: T, exp: T + 330 }))).resolves.toEqual(aoifeAsIs);
    await expect(strict(await tokenWith({ iat: T, exp: T + 331 }))).rejects.toThrow(
      'The bearer token is valid for longer than this service allows (300 s, claim "exp"): ask for a token that expires sooner.',
    );
  });
});

describe('verified tokens remembered (the cache)', () => {
  beforeEach(() => signatureChecks.mockClear());

  it('a token verified once is answered from the cache until its exp, never after', async () => {
    const clock = clockAt(T);
    const verify = createTokenVerifier({ secret, now: clock.now, cacheTtlSeconds: 3600 });
    const token = await tokenWith({ exp: T + 60 });
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    clock.ms = (T + 60) * 1000 - 1;
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    clock.ms = (T + 60) * 1000; // expired, though still within the clock tolerance: checked again
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
    clock.ms = (T + 61) * 1000;
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(3);
  });

  it('remembers a token for 300 s by default (a key rotated at the identity provider is noticed by then)', async () => {
    const clock = clockAt(T);
    const verify = createTokenVerifier({ secret, now: clock.now });
    const token = await tokenWith({ exp: T + 3600 });
    await verify(token);
    clock.ms = (T + 300) * 1000 - 1;
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    clock.ms = (T + 300) * 1000;
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('remembers a token for the time it is told', async () => {
    const clock = clockAt(T);
    const verify = createTokenVerifier({ secret, now: clock.now, cacheTtlSeconds: 10 });
    const token = await tokenWith();
    await verify(token);
    clock.ms = (T + 10) * 1000 - 1;
    await verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
    clock.ms = (T + 10) * 1000;
    await verify(token);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('remembers nothing with cacheSize 0', async () => {
    const verify = createTokenVerifier({ secret, now: clockAt(T).now, cacheSize: 0 });
    const token = await tokenWith();
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(2);
  });

  it('holds cacheSize tokens: the one verified longest ago makes room for a new one', async () => {
    const verify = createTokenVerifier({ secret, now: clockAt(T).now, cacheSize: 2 });
    const [a, b, c] = await Promise.all([tokenWith({ exp: T + 601 }), tokenWith({ exp: T + 602 }), tokenWith({ exp: T + 603 })]);
    for (const token of [a, b, c]) await verify(token as string);
    expect(signatureChecks).toHaveBeenCalledTimes(3);
    await verify(c as string);
    await verify(b as string);
    expect(signatureChecks).toHaveBeenCalledTimes(3);
    await verify(a as string);
    expect(signatureChecks).toHaveBeenCalledTimes(4);
  });

  it('forgets a token that fails when checked again, so it does not push a valid one out', async () => {
    const clock = clockAt(T);
    const verify = createTokenVerifier({ secret, now: clock.now, cacheSize: 2 });
    const [valid, shortLived, other] = await Promise.all([tokenWith({ exp: T + 3600 }), tokenWith({ exp: T + 60 }), tokenWith({ exp: T + 3599 })]);
    await verify(valid as string);
    await verify(shortLived as string);
    clock.ms = (T + 100) * 1000;
    await expect(verify(shortLived as string)).rejects.toThrow('has expired');
    await verify(other as string);
    expect(signatureChecks).toHaveBeenCalledTimes(4);
    await verify(valid as string);
    expect(signatureChecks).toHaveBeenCalledTimes(4);
  });

  it('gives each caller its own copy of the actor', async () => {
    const verify = createTokenVerifier({ secret, now: clockAt(T).now });
    const token = await tokenWith();
    const first = await verify(token);
    first.role = 'coordinator';
    const second = await verify(token);
    second.areaId = 'galway';
    await expect(verify(token)).resolves.toEqual(aoifeAsIs);
    expect(signatureChecks).toHaveBeenCalledTimes(1);
  });
});

describe("an identity provider's keys (JWKS over HTTP)", () => {
  type KeyPair = Awaited<ReturnType<typeof generateKeyPair>>;
  let server: Server;
  let jwksUrl: string;
  let idp: KeyPair;
  let impostor: KeyPair;
  const es256 = (claims: Record<string, unknown>, key: KeyPair['privateKey']) =>
    new SignJWT({ sub: aoife.id, role: aoife.role, area: aoife.areaId, iss: 'tacu', aud: 'tacu-api', iat: T, exp: T + 600, ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: 'idp-1' })
      .sign(key);

  beforeAll(async () => {
    [idp, impostor] = await Promise.all([generateKeyPair('ES256'), generateKeyPair('ES256')]);
    const keys = [{ ...(await exportJWK(idp.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' }];
    server = createServer((request, response) => {
      if (request.url !== '/.well-known/jwks.json') return void response.writeHead(404).end();
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("accepts a token signed with the provider's key", async () => {
    const verify = createTokenVerifier({ jwksUrl, now: clockAt(T).now });
    await expect(verify(await es256({ name: 'Aoife' }, idp.privateKey))).resolves.toEqual(aoife);
  });

  it('refuses a token signed with another key, one signed with a shared secret, and one for another audience', async () => {
    const verify = createTokenVerifier({ jwksUrl, now: clockAt(T).now });
    await expect(verify(await es256({}, impostor.privateKey))).rejects.toThrow(new AuthenticationError('The bearer token signature is not valid.'));
    await expect(verify(await tokenWith())).rejects.toThrow(new AuthenticationError('The bearer token is not valid.'));
    await expect(verify(await es256({ aud: 'someone-else' }, idp.privateKey))).rejects.toThrow('(claim "aud")');
    await expect(verify(await es256({ iat: T, exp: T + 3631 }, idp.privateKey))).rejects.toThrow('valid for longer');
  });

  it('says a token could not be verified when the key set cannot be fetched', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const verify = createTokenVerifier({ jwksUrl: `http://127.0.0.1:${port}/.well-known/jwks.json`, now: clockAt(T).now });
    await expect(verify(await es256({}, idp.privateKey))).rejects.toThrow(new AuthenticationError('The bearer token could not be verified.'));
  });
});

describe('signing and reading tokens', () => {
  it('signs a demo token (HS256) for the issuer tacu and the audience tacu-api, naming the actor, issued now', async () => {
    const token = await signToken(aoife, { secret });
    expect(headerOf(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = payloadOf(token);
    expect(payload).toEqual({ sub: aoife.id, role: aoife.role, area: aoife.areaId, name: 'Aoife', iss: 'tacu', aud: 'tacu-api', iat: expect.any(Number), exp: expect.any(Number) });
    expect(Math.abs((payload['iat'] as number) - Date.now() / 1000)).toBeLessThan(5);
  });

  it('signs for the issuer, audience, issue time and expiry it is told', async () => {
    const payload = payloadOf(await signToken(aoife, { secret, issuer: 'idp.example', audience: 'other-api', issuedAt: T, expiresIn: T + 600 }));
    expect(payload).toMatchObject({ iss: 'idp.example', aud: 'other-api', iat: T, exp: T + 600 });
  });

  it('takes a secret of 32 characters or more, never fewer', async () => {
    const short = 'x'.repeat(31);
    const enough = 'x'.repeat(32);
    expect(() => createTokenVerifier({ secret: short })).toThrow(new Error('The token secret must be at least 32 characters long.'));
    await expect(signToken(aoife, { secret: short })).rejects.toThrow('The token secret must be at least 32 characters long.');
    await expect(createTokenVerifier({ secret: enough })(await signToken(aoife, { secret: enough }))).resolves.toEqual(aoife);
  });

  it('reads the token of a Bearer header in any case, after any run of spaces, trailing spaces allowed', () => {
    expect(bearerToken('Bearer   abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Bearer\tabc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('BEARER abc.def.ghi  ')).toBe('abc.def.ghi');
    expect(bearerToken('Bearer aZ09-_.aZ09-_.aZ09-_')).toBe('aZ09-_.aZ09-_.aZ09-_');
    expect(bearerToken(['Bearer first.a.b', 'Bearer second.a.b'])).toBe('first.a.b');
  });

  it('reads nothing from any other header', () => {
    for (const header of ['', 'Bearer', 'Bearer ', 'Bearerabc.def.ghi', 'xBearer abc.def.ghi', 'Bearer abc def', 'Bearer abc.def.ghi extra', 'Bearer abc,def', 'Token Bearer abc']) {
      expect({ header, token: bearerToken(header) }).toEqual({ header, token: undefined });
    }
    expect(bearerToken([])).toBeUndefined();
  });
});
