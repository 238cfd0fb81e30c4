import { SignJWT } from 'jose';
import type { Actor } from '@tacu/domain';
import { AuthenticationError } from './claims';
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
