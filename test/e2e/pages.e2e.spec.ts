/**
 * The pages over HTTP (issue 15 §1-3, 8), on the assembled app: sign-in (the demo's "sign in as"),
 * sessions (cookie flags, idle timeout, sign-out that ends the session for good), CSRF on every
 * form, security headers, no copies kept of case data, my cases with filters and search (never in
 * a URL or a log line), and the language chosen. Browser tests (tests/browser) show the same in
 * Chromium; this file pins the HTTP details a person relies on without seeing them.
 */
import { Writable } from 'node:stream';
import type { Response } from 'supertest';
import { openCase, drive, startHarness, USERS, type Harness } from './support/harness';
import { caseReferenceOf, journeyTo } from './support/api';

/** The cookies a response sets, by name, with their attributes as written. */
function setCookies(res: Response): Map<string, string> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return new Map((header ?? []).map((line) => [line.split('=')[0] as string, line]));
}

/** A browser's cookie jar, enough for these tests: the last value of each cookie set. */
class Browser {
  private readonly jar = new Map<string, string>();
  constructor(private readonly h: Harness) {}

  private remember(res: Response): Response {
    for (const [name, line] of setCookies(res)) {
      const value = line.slice(name.length + 1).split(';')[0] as string;
      if (value === '' || /Expires=Thu, 01 Jan 1970/i.test(line) || /Max-Age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    return res;
  }
  get cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  has(name: string): boolean {
    return this.jar.has(name);
  }
  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return this.remember(await this.h.http.get(path).set({ cookie: this.cookieHeader, ...headers }));
  }
  async post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
    return this.remember(await this.h.http.post(path).set({ cookie: this.cookieHeader, ...headers }).type('form').send(form));
  }
  /** The token of the forms on the page at `path`. */
  async csrf(path = '/app/sign-in'): Promise<string> {
    const res = await this.get(path);
    const token = /name="_csrf" value="([^"]+)"/.exec(res.text)?.[1];
    if (!token) throw new Error(`no form token on ${path} (${res.status})`);
    return token;
  }
  async signInAs(userId: string): Promise<Response> {
    return this.post('/app/sign-in/demo', { _csrf: await this.csrf(), userId });
  }
}

/** Text of the page without tags, spaces collapsed. */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('pages: sign-in, sessions and my cases', () => {
  let h: Harness;
  const logLines: string[] = [];
  let murphy: { id: string };
  let kelly: { id: string };

  beforeAll(async () => {
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logLines.push(String(chunk));
        done();
      },
    });
    h = await startHarness({ LOG_LEVEL: 'info' }, { logDestination: destination as never });
    murphy = await openCase(h, USERS.lead, { child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' } });
    await drive(h, murphy.id, journeyTo('assessment.inProgress', USERS.lead));
    kelly = await openCase(h, USERS.lead, { child: { name: 'Aoife Kelly', dateOfBirth: '2017-02-11' } });
    // Ciarán's case: Aoife (the lead) may not see it, and never does on her pages.
    await openCase(h, USERS.otherLead, { child: { name: 'Hidden Doyle', dateOfBirth: '2016-01-01' }, leadPractitionerId: USERS.otherLead });
  });
  afterAll(() => h?.close());

  it('a page needs a session: without one the browser is sent to sign in', async () => {
    const res = await new Browser(h).get('/app/cases');
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app/sign-in');
  });

  it('the demo lists its people to sign in as, and signs in one of them', async () => {
    const browser = new Browser(h);
    const page = await browser.get('/app/sign-in');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(textOf(page.text)).toContain('Aoife Byrne');
    expect(textOf(page.text)).toContain('Deirdre Walsh');
    // Only people who have pages are offered: the demo's manager has none yet.
    expect(textOf(page.text)).not.toContain('Mary Brennan');
    const signedIn = await browser.signInAs(USERS.lead);
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe('/app/cases');
    const cases = await browser.get('/app/cases');
    expect(cases.status).toBe(200);
    expect(textOf(cases.text)).toContain('Signed in as Aoife Byrne');
  });

  it('the session cookie is signed, HTTP-only, SameSite=Lax, for the whole site, and not Secure on a loopback address', async () => {
    const browser = new Browser(h);
    const res = await browser.signInAs(USERS.lead);
    const cookie = setCookies(res).get('tacu_session');
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).not.toMatch(/; Secure/);
    // Signed: the value carries its HMAC after a dot; a changed value is no session.
    const value = decodeURIComponent((cookie as string).split(';')[0]?.slice('tacu_session='.length) ?? '');
    const [id, signature] = value.split('.');
    expect({ value, idLength: id?.length, signed: (signature ?? '').length > 20 }).toEqual({ value, idLength: 43, signed: true });
    const other = id?.startsWith('A') ? 'B' : 'A';
    const forged = await h.http.get('/app/cases').set('cookie', `tacu_session=${encodeURIComponent(`${other}${id?.slice(1)}.${signature}`)}`);
    expect(forged.status).toBe(303);
    // The same cookie, as set, is a session.
    expect((await h.http.get('/app/cases').set('cookie', `tacu_session=${encodeURIComponent(value)}`)).status).toBe(200);
  });

  it('cookies are Secure, and __Host- named, when the service is not on a loopback address', async () => {
    const secure = await startHarness({ HOST: '0.0.0.0', SESSION_SECRET: 'a-session-secret-of-32-characters-or-more' });
    try {
      const res = await secure.http.get('/app/sign-in');
      const cookie = setCookies(res).get('__Host-tacu_signin');
      expect(cookie).toMatch(/; Secure/);
      expect(cookie).toMatch(/; HttpOnly/);
      expect(res.headers['strict-transport-security']).toMatch(/max-age=31536000/);
      // Never the demo's "sign in as" on a reachable address.
      expect(textOf(res.text)).not.toContain('Aoife Byrne');
      const browser = new Browser(secure);
      expect((await browser.post('/app/sign-in/demo', { _csrf: await browser.csrf(), userId: USERS.lead })).status).toBe(404);
    } finally {
      await secure.close();
    }
  });

  it('no "sign in as" with a server database (DATABASE_URL set)', async () => {
    const server = await startHarness({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', SESSION_SECRET: 'a-session-secret-of-32-characters-or-more' });
    try {
      const browser = new Browser(server);
      const page = await browser.get('/app/sign-in');
      expect(textOf(page.text)).not.toContain('Aoife Byrne');
      expect(page.text).not.toContain('/app/sign-in/demo');
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
      expect((await browser.post('/app/sign-in/demo', { _csrf: token, userId: USERS.lead })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('every form needs its token: a POST without it, or with another session\'s, is refused and changes nothing', async () => {
    const anonymous = new Browser(h);
    await anonymous.get('/app/sign-in');
    const noToken = await anonymous.post('/app/sign-in/demo', { userId: USERS.lead });
    expect(noToken.status).toBe(403);
    expect(textOf(noToken.text)).toContain('This form has expired');
    expect(anonymous.has('tacu_session')).toBe(false);

    const aoife = new Browser(h);
    await aoife.signInAs(USERS.lead);
    const other = new Browser(h);
    await other.signInAs(USERS.otherLead);
    const othersToken = await other.csrf('/app/cases');
    for (const [path, form] of [
      ['/app/sign-out', {}],
      ['/app/cases/search', { search: 'Murphy' }],
      ['/app/language', { language: 'ga', back: '/app/cases' }],
    ] as const) {
      expect({ path, status: (await aoife.post(path, form)).status }).toEqual({ path, status: 403 });
      expect({ path, status: (await aoife.post(path, { ...form, _csrf: othersToken })).status }).toEqual({ path, status: 403 });
    }
    // Still signed in (the sign-out was refused), the search not kept, the language not changed.
    const cases = await aoife.get('/app/cases');
    expect(cases.status).toBe(200);
    expect(cases.text).toContain('lang="en"');
    expect(textOf(cases.text)).not.toContain('Showing cases that match');
  });

  it('a form sent from another site is refused even with the right token', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const token = await browser.csrf('/app/cases');
    const res = await browser.post('/app/cases/search', { _csrf: token, search: 'Murphy' }, { origin: 'https://elsewhere.example' });
    expect(res.status).toBe(403);
  });

  it('security headers on every page: a strict CSP of our own files only, no framing, no referrer to other sites, no sniffing', async () => {
    const res = await new Browser(h).get('/app/sign-in');
    const csp = res.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    // Both say the same: never framed, by this site or another.
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('same-origin');
    // No inline script or style for the CSP to block.
    expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(res.text).not.toMatch(/\sstyle=/);
  });

  it('pages with case data are never kept by a browser or a proxy (no-store); the assets are', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const cases = await browser.get('/app/cases');
    expect(cases.headers['cache-control']).toBe('no-store');
    const css = /href="(\/app\/assets\/tacu-[0-9a-f]+\.css)"/.exec(cases.text)?.[1] as string;
    const asset = await h.http.get(css);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).not.toContain('GDS Transport');
    expect(asset.text).toContain('--govuk-brand-colour:#0b5b52');
  });

  it('my cases: each child with the reference, stage, next step and due day in working days; never another lead\'s case', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const res = await browser.get('/app/cases');
    const text = textOf(res.text);
    expect(text).toContain('My cases');
    expect(text).toContain('Seán Murphy');
    expect(text).toContain(caseReferenceOf(murphy.id));
    expect(text).toContain('Strengths and needs assessment');
    expect(text).toContain('Finish the strengths and needs assessment');
    expect(text).toMatch(/In \d+ working days by \w+day \d+ \w+ 2026/);
    expect(text).toContain('Aoife Kelly');
    expect(text).not.toContain('Hidden Doyle');
    // Each listed case is recorded as read, as GET /cases records it.
    const reads = await h.dataSource.query(`SELECT count(*)::int AS n FROM case_reads WHERE case_id = $1 AND what = 'list' AND actor_id = $2`, [murphy.id, USERS.lead]);
    expect(reads[0].n).toBeGreaterThan(0);
  });

  it('a stage overdue says by how many working days, and the overdue filter shows only those', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const before = textOf((await browser.get('/app/cases?show=overdue')).text);
    expect(before).toContain('No cases match');
    const saved = h.clock.now();
    h.clock.set(new Date(saved.getTime() + 40 * 24 * 3600 * 1000));
    try {
      await browser.signInAs(USERS.lead);
      const overdue = textOf((await browser.get('/app/cases?show=overdue')).text);
      expect(overdue).toMatch(/Overdue by \d+ working days/);
      expect(overdue).toContain('Seán Murphy');
    } finally {
      h.clock.set(saved);
    }
  });

  it('filters by stage; a stage the page never offers is a 400 page', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const request = textOf((await browser.get('/app/cases?stage=request')).text);
    expect(request).toContain('Aoife Kelly');
    expect(request).not.toContain('Seán Murphy');
    const bad = await browser.get('/app/cases?stage=nonsense');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/^text\/html/);
  });

  it('searches by name (with or without the fada) or reference; the name is never in a URL or a log line', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const token = await browser.csrf('/app/cases');
    const searched = await browser.post('/app/cases/search', { _csrf: token, search: 'sean murph' });
    expect(searched.status).toBe(303);
    expect(searched.headers.location).toBe('/app/cases');
    const found = textOf((await browser.get('/app/cases')).text);
    expect(found).toContain('Showing cases that match “sean murph”');
    expect(found).toContain('Seán Murphy');
    expect(found).not.toContain('Aoife Kelly');
    await browser.post('/app/cases/search', { _csrf: token, search: caseReferenceOf(kelly.id) });
    const byReference = textOf((await browser.get('/app/cases')).text);
    expect(byReference).toContain('Aoife Kelly');
    expect(byReference).not.toContain('Seán Murphy');
    await browser.post('/app/cases/search', { _csrf: token, clear: '1' });
    expect(textOf((await browser.get('/app/cases')).text)).toContain('Seán Murphy');
    const logged = logLines.join('\n');
    expect(logged).toContain('/app/cases/search');
    expect(logged.toLowerCase()).not.toContain('murph');
    expect(logged).not.toContain('Kelly');
  });

  it('a search too long is answered with the error on the page (400), nothing kept', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const res = await browser.post('/app/cases/search', { _csrf: await browser.csrf('/app/cases'), search: 'x'.repeat(101) });
    expect(res.status).toBe(400);
    expect(textOf(res.text)).toContain('Enter 100 characters or fewer');
    expect(res.text).toContain('govuk-error-summary');
  });

  it('the language chosen is remembered: the pages in Irish, dates too', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const res = await browser.post('/app/language', { _csrf: await browser.csrf('/app/cases'), language: 'ga', back: '/app/cases?stage=assessment' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/app/cases?stage=assessment');
    expect(setCookies(res).get('tacu_lang')).toMatch(/tacu_lang=ga; Max-Age=31536000; Path=\/; HttpOnly; SameSite=Lax/);
    const page = await browser.get('/app/cases?stage=assessment');
    expect(page.text).toContain('<html lang="ga"');
    const text = textOf(page.text);
    expect(text).toContain('Mo chásanna');
    expect(text).toMatch(/I gceann \d+ lá oibre faoi Dé \p{L}+ \d+ \p{L}+ 2026/u);
    // Somewhere else is never where the switch sends a browser.
    const away = await browser.post('/app/language', { _csrf: await browser.csrf('/app/cases'), language: 'en', back: '//elsewhere.example/app' });
    expect(away.headers.location).toBe('/app/cases');
  });

  it('signing in again ends the session the browser had: one browser, one session', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const first = browser.cookieHeader;
    await browser.post('/app/sign-in/demo', { _csrf: await browser.csrf('/app/cases'), userId: USERS.otherLead });
    expect(textOf((await browser.get('/app/cases')).text)).toContain('Signed in as Ciarán Doyle');
    expect((await h.http.get('/app/cases').set('cookie', first)).status).toBe(303);
  });

  it('signing out ends the session for good: the same cookie is no session any more', async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const stolen = browser.cookieHeader;
    const out = await browser.post('/app/sign-out', { _csrf: await browser.csrf('/app/cases') });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/app/signed-out');
    expect(textOf((await browser.get('/app/signed-out')).text)).toContain('You have signed out');
    const replayed = await h.http.get('/app/cases').set('cookie', stolen);
    expect(replayed.status).toBe(303);
    expect(replayed.headers.location).toMatch(/^\/app\/sign-in/);
  });

  it(`a session idle longer than SESSION_IDLE_MINUTES (30) ends, and the sign-in page says why`, async () => {
    const browser = new Browser(h);
    await browser.signInAs(USERS.lead);
    const saved = h.clock.now();
    try {
      h.clock.set(new Date(saved.getTime() + 29 * 60_000));
      expect((await browser.get('/app/cases')).status).toBe(200);
      h.clock.set(new Date(saved.getTime() + (29 + 31) * 60_000));
      const idle = await browser.get('/app/cases');
      expect(idle.status).toBe(303);
      expect(idle.headers.location).toBe('/app/sign-in?ended=idle');
      expect(textOf((await browser.get('/app/sign-in?ended=idle')).text)).toContain('You were signed out because you had not used the service for 30 minutes');
    } finally {
      h.clock.set(saved);
    }
  });

  it('the pages are not in the OpenAPI document, and the API still refuses forms', async () => {
    const doc = await h.http.get('/docs/openapi.json');
    expect(Object.keys(doc.body.paths).filter((p) => p.startsWith('/app'))).toEqual([]);
    const form = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).type('form').send({ origin: 'school' });
    expect(form.status).toBe(415);
  });

  it('roles without a case list (a manager) start on a page saying so, with no way back to a page that refuses them', async () => {
    const browser = new Browser(h);
    const signedIn = await browser.signInAs(USERS.manager);
    expect(signedIn.headers.location).toBe('/app/signed-in');
    const start = await browser.get('/app/signed-in');
    expect(start.status).toBe(200);
    expect(textOf(start.text)).toContain('You are signed in');
    expect(textOf(start.text)).toContain('A manager has no pages here yet.');
    expect(start.text).not.toContain('href="/app/cases"');
    // The home link and the sign-in page lead there too.
    expect((await browser.get('/app')).headers.location).toBe('/app/signed-in');
    expect((await browser.get('/app/sign-in')).headers.location).toBe('/app/signed-in');
    // A case list typed in by hand is refused, pointing to the start, not to itself.
    const refused = await browser.get('/app/cases');
    expect(refused.status).toBe(403);
    expect(textOf(refused.text)).toContain('You cannot use this page');
    expect(refused.text).toContain('href="/app/signed-in"');
    expect(refused.text).not.toContain('href="/app/cases"');
    // Someone with a case list is sent on from the start page.
    const lead = new Browser(h);
    await lead.signInAs(USERS.lead);
    expect((await lead.get('/app/signed-in')).headers.location).toBe('/app/cases');
  });
});
