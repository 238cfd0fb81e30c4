import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_DEADLINE_POLICY } from '@tacu/domain';
import { ConfigError, DEV_TOKEN_SECRET, loadConfig, parseDeadlinePolicyOverrides, parsePolicyFile } from './app-config';

describe('configuration from the environment', () => {
  it('defaults to the embedded database, a seeded demo and the development secret', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      databaseUrl: undefined,
      dataDir: './.data/pglite',
      port: 3000,
      host: '127.0.0.1',
      seedDemo: true,
      logLevel: 'info',
      timerIntervalMs: 5000,
      token: { kind: 'secret', secret: DEV_TOKEN_SECRET, isDevSecret: true, maxLifetimeSeconds: 3600 },
    });
    expect(config.deadlinePolicy).toBe(DEFAULT_DEADLINE_POLICY);
  });

  it('does not seed a server database unless asked', () => {
    const server = { DATABASE_URL: 'postgres://x@h/db', TOKEN_SECRET: 's'.repeat(32) };
    expect(loadConfig(server).seedDemo).toBe(false);
    expect(loadConfig({ ...server, SEED_DEMO: 'true' }).seedDemo).toBe(true);
  });

  it('refuses the development secret for a server database or a reachable host', () => {
    const message = new ConfigError(
      'TOKEN_SECRET (32+ characters) or JWKS_URL must be set when DATABASE_URL is set or HOST is not a loopback address: the built-in development secret is only for the local embedded demo.',
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x@h/db' })).toThrow(message);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(message);
    expect(loadConfig({ HOST: '0.0.0.0', TOKEN_SECRET: 's'.repeat(32) }).token).toMatchObject({ kind: 'secret', isDevSecret: false });
    expect(loadConfig({ HOST: 'localhost' }).token).toMatchObject({ isDevSecret: true });
  });

  it('verifies tokens against a JWKS URL instead of a secret', () => {
    expect(loadConfig({ JWKS_URL: 'https://id.example.ie/.well-known/jwks.json' }).token).toEqual({
      kind: 'jwks',
      jwksUrl: 'https://id.example.ie/.well-known/jwks.json',
      issuer: 'tacu',
      audience: 'tacu-api',
      maxLifetimeSeconds: 3600,
    });
  });

  it('takes the longest token lifetime from TOKEN_MAX_LIFETIME_SECONDS, from a minute to a day', () => {
    expect(loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '900' }).token.maxLifetimeSeconds).toBe(900);
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '30' })).toThrow('TOKEN_MAX_LIFETIME_SECONDS must be a whole number from 60 to 86400 (got "30").');
    expect(() => loadConfig({ TOKEN_MAX_LIFETIME_SECONDS: '172800' })).toThrow('from 60 to 86400');
  });

  it('limits requests per user, per address and failed authentications, each configurable and 0 for off', () => {
    expect(loadConfig({}).rateLimit).toEqual({ windowSeconds: 60, perUser: 600, perAddress: 1200, failedAuthPerAddress: 20 });
    expect(loadConfig({ RATE_LIMIT_WINDOW_SECONDS: '10', RATE_LIMIT_PER_USER: '0', RATE_LIMIT_PER_ADDRESS: '5', RATE_LIMIT_FAILED_AUTH: '3' }).rateLimit).toEqual({
      windowSeconds: 10,
      perUser: 0,
      perAddress: 5,
      failedAuthPerAddress: 3,
    });
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
  });

  it('signs list cursors with CURSOR_SECRET, or a key of their own derived from the token secret', () => {
    expect(loadConfig({ CURSOR_SECRET: 'c'.repeat(32) }).cursorSecret).toBe('c'.repeat(32));
    const derived = loadConfig({ TOKEN_SECRET: 's'.repeat(32) }).cursorSecret;
    expect(derived).toBe(loadConfig({ TOKEN_SECRET: 's'.repeat(32) }).cursorSecret);
    expect(derived).not.toContain('s'.repeat(32));
    expect(derived).not.toBe(loadConfig({ TOKEN_SECRET: 't'.repeat(32) }).cursorSecret);
    // With JWKS there is no secret to derive from: a random one per process unless CURSOR_SECRET is set.
    expect(loadConfig({ JWKS_URL: 'https://id.example.ie/jwks' }).cursorSecret).toHaveLength(43);
  });

  it.each([
    [{ RATE_LIMIT_PER_USER: 'lots' }, 'RATE_LIMIT_PER_USER must be a whole number from 0 to 1000000000 (got "lots").'],
    [{ RATE_LIMIT_WINDOW_SECONDS: '0' }, 'RATE_LIMIT_WINDOW_SECONDS must be a whole number from 1 to 86400 (got "0").'],
    [{ CURSOR_SECRET: 'short' }, 'CURSOR_SECRET must be at least 32 characters long.'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY must be true or false (got "maybe").'],
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 0 to 65535 (got "eighty").'],
    [{ TOKEN_SECRET: 'short' }, 'TOKEN_SECRET must be at least 32 characters long.'],
    [{ TOKEN_SECRET: 'x'.repeat(40), JWKS_URL: 'https://a/b' }, 'Set TOKEN_SECRET or JWKS_URL, not both.'],
    [{ JWKS_URL: 'ftp://a/b' }, 'JWKS_URL must be an http(s) URL (got "ftp://a/b").'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud").'],
    [{ SEED_DEMO: 'perhaps' }, 'SEED_DEMO must be true or false (got "perhaps").'],
    [{ DEADLINE_POLICY_FILE: '/nonexistent/policy.json' }, 'DEADLINE_POLICY_FILE: cannot read "/nonexistent/policy.json".'],
  ])('refuses %j with a message that says what to fix', (env, message) => {
    expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('merges a deadline policy file onto the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacu-config-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ deadlines: { requestRegistration: { amount: 3 } } }));
    const { deadlinePolicy, calendar } = loadConfig({ DEADLINE_POLICY_FILE: file });
    expect(deadlinePolicy.deadlines.requestRegistration).toEqual({ ...DEFAULT_DEADLINE_POLICY.deadlines.requestRegistration, amount: 3 });
    expect(deadlinePolicy.deadlines.assessmentCompletion).toEqual(DEFAULT_DEADLINE_POLICY.deadlines.assessmentCompletion);
    expect(calendar).toBeUndefined();
  });

  it("reads the default organisation's calendar from the policy file: country, region, time zone, substitute rule, closure days", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacu-config-'));
    const file = join(dir, 'policy.json');
    const closureDays = [{ date: '2026-12-24', name: ' Christmas Eve closure ' }];
    writeFileSync(file, JSON.stringify({ calendar: { country: 'GB', region: 'NIR', timeZone: 'Europe/London', substituteDays: 'library', closureDays } }));
    expect(loadConfig({ DEADLINE_POLICY_FILE: file }).calendar).toEqual({
      settings: { country: 'GB', region: 'NIR', timeZone: 'Europe/London', substituteDays: 'library' },
      closureDays: [{ date: '2026-12-24', name: 'Christmas Eve closure' }],
    });
    writeFileSync(file, JSON.stringify({ calendar: { closureDays } }));
    expect(loadConfig({ DEADLINE_POLICY_FILE: file }).calendar?.settings).toEqual({ country: 'IE', region: null, timeZone: 'Europe/Dublin', substituteDays: 'nextWeekday' });
  });

  it('rejects unknown deadline names, fields and malformed values in a policy', () => {
    expect(() => parseDeadlinePolicyOverrides({ deadlines: { lunch: { amount: 1 }, meetingHeld: { amount: -1, colour: 'red' } }, extra: 1 })).toThrow(
      /unknown field "extra".*unknown deadline "lunch".*meetingHeld": amount must be a whole number of at least 0.*meetingHeld": unknown field "colour"/,
    );
    expect(() => parseDeadlinePolicyOverrides({ deadlines: { meetingHeld: { amount: 251 } } })).toThrow('deadline "meetingHeld": at most 250 working days (about a year)');
    expect(() => parseDeadlinePolicyOverrides({ deadlines: { caseOpenCheck: { amount: 730 } } })).not.toThrow();
    expect(() => parseDeadlinePolicyOverrides([])).toThrow('must be a JSON object');
  });

  it("reads the organisation's consent rules from the policy file, and refuses what is not one of them", () => {
    const dir = mkdtempSync(join(tmpdir(), 'tacu-config-'));
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ consentWithdrawal: 'closeCase', planSignOff: 'anyParent', youngPersonConsentAge: 17 }));
    expect(loadConfig({ DEADLINE_POLICY_FILE: file }).deadlinePolicy).toEqual(expect.objectContaining({ consentWithdrawal: 'closeCase', planSignOff: 'anyParent', youngPersonConsentAge: 17 }));
    expect(loadConfig({}).deadlinePolicy).toEqual(expect.objectContaining({ consentWithdrawal: 'stopAndCoordinatorDecides', planSignOff: 'everyConsentingParentAndYoungPerson', youngPersonConsentAge: 16 }));
    expect(() => parseDeadlinePolicyOverrides({ consentWithdrawal: 'ignore', planSignOff: 'nobody', youngPersonConsentAge: 9 })).toThrow(
      /"consentWithdrawal" must be one of stopAndCoordinatorDecides, closeCase.*"planSignOff" must be one of everyConsentingParentAndYoungPerson, anyParent.*"youngPersonConsentAge" must be a whole number of years from 12 to 18/,
    );
  });

  it('holidays are facts, not policy: an old "holidays" list is refused with how to list closure days instead', () => {
    expect(() => parseDeadlinePolicyOverrides({ holidays: ['2026-12-25'] })).toThrow(/"holidays" is no longer read: public holidays come from the holiday library.*calendar\.closureDays/);
  });

  it('rejects an unknown country, region or time zone and malformed closure days, saying what to write', () => {
    const problems = (calendar: unknown) => () => parsePolicyFile({ calendar }, 'policy.json');
    expect(problems({ country: 'XX' })).toThrow('calendar: country "XX" is not known to the holiday library: use a two-letter code such as IE');
    expect(problems({ country: 'IE', region: 'D' })).toThrow('region "D" is not a region of IE in the holiday library (IE has no regions: leave it out)');
    expect(problems({ timeZone: 'Ireland/Galway' })).toThrow('calendar.timeZone must be an IANA time zone, e.g. "Europe/Dublin"');
    expect(problems({ substituteDays: 'never' })).toThrow('calendar.substituteDays must be one of nextWeekday, library');
    expect(problems({ closureDays: [{ date: '2026-02-30', name: 'x' }, { date: '2026-12-24' }, { date: '2026-12-24', name: 'x', colour: 'red' }] })).toThrow(
      /closureDays\[0\] must be .*closureDays\[1\] must be .*closureDays\[2\] must be/,
    );
    expect(problems({ closureDays: 'Christmas' })).toThrow('calendar.closureDays must be a list of');
    expect(problems({ colour: 'red' })).toThrow('calendar: unknown field "colour"');
    expect(problems('IE')).toThrow('"calendar" must be an object');
  });

  describe('outcome frameworks are configured, never coded', () => {
    const SHANARRI = JSON.parse(readFileSync(join(__dirname, '../../../../../docs/outcome-frameworks/scotland-shanarri.json'), 'utf8')) as { id: string; outcomes: unknown[] };

    it("reads the frameworks of the policy file and the default organisation's: SHANARRI as shipped in docs/outcome-frameworks", () => {
      const dir = mkdtempSync(join(tmpdir(), 'tacu-config-'));
      const file = join(dir, 'policy.json');
      writeFileSync(file, JSON.stringify({ outcomeFrameworks: [SHANARRI], outcomeFramework: 'scotland-shanarri' }));
      const config = loadConfig({ DEADLINE_POLICY_FILE: file });
      expect(config.outcomeFrameworks).toEqual([SHANARRI]);
      expect(config.outcomeFramework).toBe('scotland-shanarri');
      expect(loadConfig({}).outcomeFrameworks).toEqual([]);
      expect(loadConfig({}).outcomeFramework).toBeUndefined();
      // The built-in default may be named without configuring it.
      expect(parsePolicyFile({ outcomeFramework: 'ireland-national-outcomes' }).outcomeFramework).toBe('ireland-national-outcomes');
    });

    it('refuses a framework the system cannot rate on, a framework listed twice, and an unknown framework named, saying what to fix', () => {
      const problems = (json: unknown) => () => parsePolicyFile(json, 'policy.json');
      expect(problems({ outcomeFrameworks: [{ ...SHANARRI, outcomes: [] }] })).toThrow('outcomeFrameworks[0].outcomes must be a list of 1 to 20 items');
      expect(problems({ outcomeFrameworks: [{ ...SHANARRI, scale: { min: 1, max: 12, labels: [] } }] })).toThrow('outcomeFrameworks[0].scale: min and max must be whole numbers from 0 to 10, min below max');
      expect(problems({ outcomeFrameworks: [SHANARRI, SHANARRI] })).toThrow('outcomeFrameworks[1].id "scotland-shanarri" is used twice: each framework once');
      expect(problems({ outcomeFramework: 'scotland-shanarri' })).toThrow('"outcomeFramework" must name a framework: ireland-national-outcomes (the built-in default, or one of outcomeFrameworks)');
      expect(problems({ outcomeFrameworks: SHANARRI })).toThrow('"outcomeFrameworks" must be a list of frameworks');
    });
  });
});

describe('configuration of the pages', () => {
  const error = (env: Record<string, string>): string => {
    try {
      loadConfig(env);
    } catch (e) {
      if (e instanceof ConfigError) return e.message;
      throw e;
    }
    return 'no error';
  };

  it('the embedded demo on this machine: "sign in as", cookies without Secure (plain http), 30 minutes idle, 12 hours at most', () => {
    expect(loadConfig({}).pages).toMatchObject({
      organisationName: 'Demo Family Support Network',
      brandColour: '#0b5b52',
      publicUrl: 'http://127.0.0.1:3000',
      demoSignIn: true,
      oidc: undefined,
      session: { idleMinutes: 30, maxHours: 12, secureCookies: false },
    });
  });

  it('never "sign in as" with a server database or on a reachable address; Secure cookies off loopback', () => {
    const secret = { TOKEN_SECRET: 's'.repeat(32) };
    expect(loadConfig({ ...secret, DATABASE_URL: 'postgres://x@h/db' }).pages.demoSignIn).toBe(false);
    const reachable = loadConfig({ ...secret, HOST: '0.0.0.0' }).pages;
    expect({ demo: reachable.demoSignIn, secure: reachable.session.secureCookies }).toEqual({ demo: false, secure: true });
    expect(loadConfig({ PUBLIC_URL: 'https://tacu.example.ie' }).pages.session.secureCookies).toBe(true);
  });

  it('the session key is its own: SESSION_SECRET, else derived from TOKEN_SECRET (never the token secret itself)', () => {
    expect(error({ SESSION_SECRET: 'short' })).toBe('SESSION_SECRET must be at least 32 characters long.');
    expect(loadConfig({ SESSION_SECRET: 'k'.repeat(32) }).pages.session.secret).toBe('k'.repeat(32));
    const derived = loadConfig({ TOKEN_SECRET: 's'.repeat(32) }).pages.session.secret;
    expect(derived).not.toBe('s'.repeat(32));
    expect(loadConfig({ TOKEN_SECRET: 's'.repeat(32) }).pages.session.secret).toBe(derived);
  });

  it('the organisation\'s colour must carry white text (4.5:1, WCAG 2.2 AA)', () => {
    expect(loadConfig({ BRAND_COLOUR: '#1D70B8' }).pages.brandColour).toBe('#1d70b8');
    expect(error({ BRAND_COLOUR: '#ffdd00' })).toMatch(/^BRAND_COLOUR #ffdd00 gives white text a contrast of 1\.\d\d:1; pick a darker colour/);
    expect(error({ BRAND_COLOUR: 'teal' })).toBe('BRAND_COLOUR must be a colour written #rrggbb (got "teal").');
  });

  it('OIDC: issuer and client together, https unless the provider is on this machine, openid among the scopes', () => {
    expect(loadConfig({ OIDC_ISSUER: 'https://id.example.ie/realms/tusla', OIDC_CLIENT_ID: 'tacu' }).pages.oidc).toEqual({
      issuer: 'https://id.example.ie/realms/tusla',
      clientId: 'tacu',
      clientSecret: undefined,
      scopes: 'openid profile',
      claims: { userId: 'sub', role: 'tacu_role', area: 'tacu_area', name: 'name' },
      allowHttp: false,
    });
    expect(loadConfig({ OIDC_ISSUER: 'http://127.0.0.1:9000', OIDC_CLIENT_ID: 'tacu' }).pages.oidc?.allowHttp).toBe(true);
    expect(error({ OIDC_ISSUER: 'http://id.example.ie', OIDC_CLIENT_ID: 'tacu' })).toMatch(/^OIDC_ISSUER must be an https URL/);
    expect(error({ OIDC_ISSUER: 'https://id.example.ie' })).toBe('Set both OIDC_ISSUER and OIDC_CLIENT_ID to sign in with an identity provider (or neither).');
    expect(error({ OIDC_ISSUER: 'https://id.example.ie', OIDC_CLIENT_ID: 'tacu', OIDC_SCOPES: 'profile email' })).toBe('OIDC_SCOPES must include "openid" (got "profile email").');
  });
});
