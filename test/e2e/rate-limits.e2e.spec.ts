/**
 * Rate limits per user, per client address, and stricter on failed authentication, answered 429
 * with Retry-After and the RateLimit headers; /health/live is never limited. The client address
 * comes from X-Forwarded-For (TRUST_PROXY), so each test is its own client.
 */
import { signToken } from '@tacu/auth';
import { OTHER_COORDINATOR, startHarness, USERS, type Harness } from './support/harness';

const LIMITS = { TRUST_PROXY: 'true', RATE_LIMIT_WINDOW_SECONDS: '60', RATE_LIMIT_PER_USER: '4', RATE_LIMIT_PER_ADDRESS: '6', RATE_LIMIT_FAILED_AUTH: '3' };

function expectTooMany(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, limit: number, detail: RegExp): void {
  expect({ status: res.status, code: res.body['code'] }).toEqual({ status: 429, code: 'TOO_MANY_REQUESTS' });
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body['detail']).toMatch(detail);
  expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  expect(res.headers['ratelimit-limit']).toBe(String(limit));
  expect(res.headers['ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
}

describe('rate limits', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(LIMITS);
  });
  afterAll(() => h.close());

  const from = (address: string) => ({
    get: async (path: string, as?: string) => {
      const req = h.http.get(path).set('x-forwarded-for', address);
      return as === undefined ? req : req.auth(await h.token(as), { type: 'bearer' });
    },
  });

  it('a user past the per-user limit gets 429 with Retry-After and the RateLimit headers; other users go on', async () => {
    const answers = [];
    // Two addresses, so the per-address limit (6) is not what stops the user (4).
    for (let i = 0; i < 5; i++) answers.push(await from(i % 2 ? '203.0.113.1' : '203.0.113.2').get('/workflows', USERS.manager));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 429]);
    expect(answers.map((r) => r.headers['ratelimit-remaining'])).toEqual(['3', '2', '1', '0', '0']);
    expectTooMany(answers[4] as never, 4, /^Too many requests from you \(at most 4 in 60 seconds\); try again in \d+ seconds/);
    expect((await from('203.0.113.3').get('/workflows', USERS.coordinator)).status).toBe(200);
  });

  it('a client address past its limit gets 429 whoever calls from it; other addresses go on', async () => {
    // Seven callers (demo users, and the other area's coordinator), none near their own limit.
    const callers = [USERS.coordinator, USERS.lead, USERS.otherLead, USERS.agency, USERS.dlp, OTHER_COORDINATOR, USERS.lead];
    const statuses = [];
    for (const caller of callers) {
      statuses.push((await h.http.get('/workflows').set('x-forwarded-for', '198.51.100.7').auth(await h.token(caller), { type: 'bearer' })).status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expectTooMany((await from('198.51.100.7').get('/health')) as never, 6, /^Too many requests from your address \(at most 6 in 60 seconds\)/);
    expect((await from('198.51.100.8').get('/workflows', USERS.lead)).status).toBe(200);
  });

  it('past 3 failed authentications from an address, each further failing one gets 429; valid tokens from the same address (an office behind one NAT) go on', async () => {
    const forged = await signToken({ id: USERS.lead, role: 'leadPractitioner', areaId: 'dublin-south-central' }, { secret: 'not-the-server-secret-0123456789abcdef' });
    const guess = () => h.http.get('/cases').set('x-forwarded-for', '192.0.2.66').auth(forged, { type: 'bearer' });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await guess()).status);
    expect(statuses).toEqual([401, 401, 401]);
    const refused = await guess();
    expectTooMany(refused as never, 3, /^Too many failed authentications from your address \(at most 3 in 60 seconds\); try again in \d+ seconds \(Retry-After\)\. A valid token or session still works\.$/);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.headers['www-authenticate']).toBeUndefined();
    // A browser asking for a page without a session gets the same answer as a page.
    const page = await h.http.get('/cases').set('x-forwarded-for', '192.0.2.66').set('accept', 'text/html');
    expect(page.status).toBe(429);
    expect(page.text).toMatch(/<h1>Too many attempts<\/h1>/);
    // (Six requests from the address so far: its own limit is 6.) A colleague at the same address works on, and the user whose name was forged elsewhere.
    expect((await from('192.0.2.66').get('/cases', USERS.lead)).status).toBe(200);
    expect((await from('192.0.2.67').get('/cases', USERS.coordinator)).status).toBe(200);
  });

  it('/health/live is never limited', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await from('192.0.2.99').get('/health/live')).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    expect((await from('192.0.2.99').get('/health')).status).toBe(200);
  });
});

describe('rate limits start again with the next window', () => {
  it('answers again once Retry-After has passed', async () => {
    const h = await startHarness({ ...LIMITS, RATE_LIMIT_WINDOW_SECONDS: '1', RATE_LIMIT_PER_USER: '2' });
    try {
      const call = async () => h.http.get('/workflows').auth(await h.token(USERS.manager), { type: 'bearer' });
      expect([(await call()).status, (await call()).status]).toEqual([200, 200]);
      const refused = await call();
      expect(refused.status).toBe(429);
      await new Promise((resolve) => setTimeout(resolve, Number(refused.headers['retry-after']) * 1000 + 100));
      expect((await call()).status).toBe(200);
    } finally {
      await h.close();
    }
  });
});
