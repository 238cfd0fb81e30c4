/**
 * Configuration, read once from environment variables (the table in the README and
 * apps/api/README.md). Invalid values stop the start with a message that says what to fix.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import {
  CONSENT_WITHDRAWAL_RULES,
  DEADLINE_NAMES,
  PLAN_SIGN_OFF_RULES,
  YOUNG_PERSON_CONSENT_AGE_RANGE,
  DEFAULT_DEADLINE_POLICY,
  DEFAULT_OUTCOME_FRAMEWORK,
  isLocalDay,
  isTimeZone,
  mergeDeadlinePolicy,
  outcomeFrameworkProblems,
  SUBSTITUTE_DAY_RULES,
  type DeadlinePolicy,
  type DeadlinePolicyOverrides,
  type OutcomeFramework,
} from '@tacu/domain';
import { DEFAULT_CALENDAR_SETTINGS, holidayRegionProblem } from '@tacu/engine';
import type { CalendarSettings, StoredClosureDay } from '@tacu/persistence';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** Signs demo tokens when neither TOKEN_SECRET nor JWKS_URL is set. Never for real data. */
export const DEV_TOKEN_SECRET = 'tacu-development-secret-not-for-real-data-0000';

export type TokenConfig = (
  | { kind: 'secret'; secret: string; isDevSecret: boolean; issuer: string; audience: string }
  | { kind: 'jwks'; jwksUrl: string; issuer: string; audience: string }
) & {
  /** The longest a token may be valid (TOKEN_MAX_LIFETIME_SECONDS), in seconds. */
  maxLifetimeSeconds: number;
};

/**
 * Rate limits, counted in this process's memory over a fixed window (README "Rate limits").
 * A limit of 0 turns that limit off.
 */
export interface RateLimitSettings {
  /** Length of the window every limit is counted over, in seconds. */
  windowSeconds: number;
  /** Requests per window of one user (the verified token's `sub`). */
  perUser: number;
  /** Requests per window from one client address (IPv6 by its /64). */
  perAddress: number;
  /** 401 answers per window to one client address; past it, that address is answered 429. */
  failedAuthPerAddress: number;
}

export interface AppConfig {
  /** PostgreSQL server; undefined → embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** The stage documents' templates (the repository's `templates/`), and an organisation's folder of overrides, if any. */
  templates: { dir: string; overrideDir: string | undefined };
  /** PDF printing: the Chromium executable, and how many pages print at once. */
  pdf: { chromiumPath: string; pages: number };
  port: number;
  host: string;
  token: TokenConfig;
  deadlinePolicy: DeadlinePolicy;
  deadlinePolicyFile: string | undefined;
  /**
   * The default organisation's calendar from the policy file's `calendar` section, applied at
   * start-up; undefined when the file has none (the database keeps what it has).
   */
  calendar: CalendarConfig | undefined;
  /**
   * Outcome frameworks configured besides the built-in default (the policy file's
   * `outcomeFrameworks`), written to the database at start-up for organisations to name.
   */
  outcomeFrameworks: OutcomeFramework[];
  /** The framework the default organisation's new cases are rated on (the policy file's `outcomeFramework`); undefined: as stored. */
  outcomeFramework: string | undefined;
  seedDemo: boolean;
  logLevel: string;
  /** 0 turns the in-process deadline worker off. */
  timerIntervalMs: number;
  rateLimit: RateLimitSettings;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy); otherwise the socket's. */
  trustProxy: boolean;
  /**
   * Signs the list cursors (HMAC-SHA256). CURSOR_SECRET, else derived from TOKEN_SECRET (or the
   * development secret); with JWKS_URL and no CURSOR_SECRET, random per process.
   */
  cursorSecret: string;
  /** The pages for practitioners (README "Pages"): the organisation's look, sessions, sign-in. */
  pages: PagesConfig;
}

/** Sign-in through the organisation's OpenID Connect provider (authorisation code with PKCE). */
export interface OidcConfig {
  /** The provider's issuer URL (its discovery document is at `/.well-known/openid-configuration`). */
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE only, no client secret). */
  clientSecret: string | undefined;
  /** Scopes asked for, `openid` among them. */
  scopes: string;
  /** The claims that name the person, their role, their area and their name. */
  claims: { userId: string; role: string; area: string; name: string };
  /** Plain http to the provider, allowed only for a provider on this machine (tests, a local provider). */
  allowHttp: boolean;
}

export interface PagesConfig {
  /** Shown in every page's header and title. */
  organisationName: string;
  /** The organisation's colour (#rrggbb) behind the header's white text: at least 4.5:1 against white. */
  brandColour: string;
  /** Where people reach the service (`https://tacu.example.ie`): the OIDC redirect address is built on it. */
  publicUrl: string;
  session: {
    /** Signs the session and sign-in cookies (HMAC-SHA256). */
    secret: string;
    /** Minutes without a request after which a session ends. */
    idleMinutes: number;
    /** Hours after sign-in after which a session ends, however active. */
    maxHours: number;
    /** Cookies only over HTTPS (`Secure`): on unless the service runs on a loopback address. */
    secureCookies: boolean;
  };
  /** The "sign in as" page of the embedded demo: only with the embedded database on a loopback address. */
  demoSignIn: boolean;
  oidc: OidcConfig | undefined;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}").`);
  }
  return value;
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = nonEmpty(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}").`);
}

/** The default organisation's calendar as the policy file sets it. */
export interface CalendarConfig {
  settings: CalendarSettings;
  /** Closure days added at start-up (one already there stays; none is ever removed). */
  closureDays: StoredClosureDay[];
}

const UNITS = ['workingDays', 'calendarDays', 'weeks', 'sameDay'];
/** Working days are counted over a calendar of five years around today: a deadline of up to a year fits. */
const MAX_WORKING_DAYS = 250;
const CLOSURE_DAY_NAME_MAX = 200;

/** A policy file's content, checked: the deadline overrides and consent rules, the default organisation's calendar and outcome framework, the frameworks configured. */
export interface PolicyFile {
  overrides: DeadlinePolicyOverrides;
  calendar: CalendarConfig | undefined;
  outcomeFrameworks: OutcomeFramework[];
  outcomeFramework: string | undefined;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Checks the `calendar` section of a policy file; problems are added to `problems`. */
function parseCalendar(calendar: unknown, problems: string[]): CalendarConfig | undefined {
  if (!isObject(calendar)) {
    problems.push('"calendar" must be an object: { "country", "region", "timeZone", "substituteDays", "closureDays" }');
    return undefined;
  }
  const { country = DEFAULT_CALENDAR_SETTINGS.country, region = null, timeZone = DEFAULT_CALENDAR_SETTINGS.timeZone, substituteDays = DEFAULT_CALENDAR_SETTINGS.substituteDays, closureDays = [], ...rest } = calendar;
  for (const key of Object.keys(rest)) problems.push(`calendar: unknown field "${key}" (expected country, region, timeZone, substituteDays, closureDays)`);
  const before = problems.length;
  if (typeof country !== 'string') problems.push('calendar.country must be a country code of the holiday library, e.g. "IE"');
  if (region !== null && typeof region !== 'string') problems.push('calendar.region must be a region code (e.g. "NIR" in "GB") or null');
  if (problems.length === before) {
    const problem = holidayRegionProblem(country as string, region as string | null);
    if (problem) problems.push(`calendar: ${problem}`);
  }
  if (!isTimeZone(timeZone)) problems.push('calendar.timeZone must be an IANA time zone, e.g. "Europe/Dublin"');
  if (!(SUBSTITUTE_DAY_RULES as readonly unknown[]).includes(substituteDays)) problems.push(`calendar.substituteDays must be one of ${SUBSTITUTE_DAY_RULES.join(', ')}`);
  const days: StoredClosureDay[] = [];
  if (!Array.isArray(closureDays)) problems.push('calendar.closureDays must be a list of { "date": "YYYY-MM-DD", "name": "..." }');
  else {
    closureDays.forEach((day: unknown, i) => {
      const date = isObject(day) ? day.date : undefined;
      const name = isObject(day) ? day.name : undefined;
      const extra = isObject(day) ? Object.keys(day).filter((k) => k !== 'date' && k !== 'name') : [];
      if (!isLocalDay(date) || typeof name !== 'string' || name.trim() === '' || name.length > CLOSURE_DAY_NAME_MAX || extra.length > 0) {
        problems.push(`calendar.closureDays[${i}] must be { "date": "YYYY-MM-DD", "name": "why the organisation is closed" } (a real day; a name of 1 to ${CLOSURE_DAY_NAME_MAX} characters)`);
      } else days.push({ date, name: name.trim() });
    });
  }
  return { settings: { country, region, timeZone, substituteDays } as CalendarSettings, closureDays: days };
}

/**
 * Checks the `outcomeFrameworks` and `outcomeFramework` sections: each framework a definition the
 * system can rate on (libs/domain `outcomeFrameworkProblems`), ids once; the default organisation's
 * framework the built-in default or one of them. Problems are added to `problems`.
 */
function parseOutcomeFrameworks(list: unknown, chosen: unknown, problems: string[]): { frameworks: OutcomeFramework[]; chosen: string | undefined } {
  const frameworks: OutcomeFramework[] = [];
  if (list !== undefined && !Array.isArray(list)) problems.push('"outcomeFrameworks" must be a list of frameworks: [{ "id", "name", "source", "outcomes", "sides", "scale" }]');
  else if (Array.isArray(list)) {
    if (list.length > MAX_OUTCOME_FRAMEWORKS) problems.push(`"outcomeFrameworks" may list at most ${MAX_OUTCOME_FRAMEWORKS} frameworks`);
    list.forEach((definition: unknown, i) => {
      const found = outcomeFrameworkProblems(definition, `outcomeFrameworks[${i}]`);
      problems.push(...found);
      if (found.length > 0) return;
      const framework = definition as OutcomeFramework;
      if (frameworks.some((f) => f.id === framework.id)) problems.push(`outcomeFrameworks[${i}].id "${framework.id}" is used twice: each framework once`);
      else frameworks.push(framework);
    });
  }
  if (chosen !== undefined) {
    const known = [DEFAULT_OUTCOME_FRAMEWORK.id, ...frameworks.map((f) => f.id)];
    if (typeof chosen !== 'string' || !known.includes(chosen)) problems.push(`"outcomeFramework" must name a framework: ${[...new Set(known)].join(' or ')} (the built-in default, or one of outcomeFrameworks)`);
  }
  return { frameworks, chosen: typeof chosen === 'string' ? chosen : undefined };
}

/** At most this many frameworks configured: a list, not a library. */
const MAX_OUTCOME_FRAMEWORKS = 20;

/** Checks a policy file's content: unknown deadline names and fields are rejected, and what to fix is said. */
export function parsePolicyFile(json: unknown, source = 'the deadline policy'): PolicyFile {
  const problems: string[] = [];
  if (!isObject(json)) throw new ConfigError(`${source} must be a JSON object.`);
  const { deadlines, calendar, holidays, consentWithdrawal, planSignOff, youngPersonConsentAge, outcomeFrameworks, outcomeFramework, ...rest } = json;
  for (const key of Object.keys(rest)) {
    problems.push(
      `unknown field "${key}" (expected "deadlines", "calendar", "consentWithdrawal", "planSignOff", "youngPersonConsentAge", "outcomeFrameworks" and "outcomeFramework")`,
    );
  }
  if (consentWithdrawal !== undefined && !(CONSENT_WITHDRAWAL_RULES as readonly unknown[]).includes(consentWithdrawal)) {
    problems.push(`"consentWithdrawal" must be one of ${CONSENT_WITHDRAWAL_RULES.join(', ')}`);
  }
  if (planSignOff !== undefined && !(PLAN_SIGN_OFF_RULES as readonly unknown[]).includes(planSignOff)) {
    problems.push(`"planSignOff" must be one of ${PLAN_SIGN_OFF_RULES.join(', ')}`);
  }
  const { min, max } = YOUNG_PERSON_CONSENT_AGE_RANGE;
  if (youngPersonConsentAge !== undefined && !(typeof youngPersonConsentAge === 'number' && Number.isInteger(youngPersonConsentAge) && youngPersonConsentAge >= min && youngPersonConsentAge <= max)) {
    problems.push(`"youngPersonConsentAge" must be a whole number of years from ${min} to ${max}`);
  }
  if (holidays !== undefined) {
    problems.push(
      '"holidays" is no longer read: public holidays come from the holiday library for calendar.country (Ireland by default, substitute days included); list your organisation\'s own closure days as calendar.closureDays: [{ "date": "2026-12-24", "name": "Christmas Eve closure" }]',
    );
  }
  if (deadlines !== undefined) {
    if (deadlines === null || typeof deadlines !== 'object' || Array.isArray(deadlines)) problems.push('"deadlines" must be an object');
    else {
      for (const [name, rule] of Object.entries(deadlines as Record<string, unknown>)) {
        if (!(DEADLINE_NAMES as readonly string[]).includes(name)) {
          problems.push(`unknown deadline "${name}" (known: ${DEADLINE_NAMES.join(', ')})`);
          continue;
        }
        if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
          problems.push(`deadline "${name}" must be an object`);
          continue;
        }
        for (const [field, value] of Object.entries(rule as Record<string, unknown>)) {
          if (field === 'unit' && !UNITS.includes(value as string)) problems.push(`deadline "${name}": unit must be one of ${UNITS.join(', ')}`);
          else if (field === 'amount' && !(typeof value === 'number' && Number.isInteger(value) && value >= 0)) {
            problems.push(`deadline "${name}": amount must be a whole number of at least 0`);
          } else if (field === 'amount' && ((rule as Record<string, unknown>).unit ?? DEFAULT_DEADLINE_POLICY.deadlines[name as keyof typeof DEFAULT_DEADLINE_POLICY.deadlines].unit) === 'workingDays' && (value as number) > MAX_WORKING_DAYS) {
            problems.push(`deadline "${name}": at most ${MAX_WORKING_DAYS} working days (about a year)`);
          } else if (field === 'basis' && value !== 'published' && value !== 'suggested') problems.push(`deadline "${name}": basis must be "published" or "suggested"`);
          else if (field === 'description' && typeof value !== 'string') problems.push(`deadline "${name}": description must be text`);
          else if (!['unit', 'amount', 'basis', 'description'].includes(field)) problems.push(`deadline "${name}": unknown field "${field}"`);
        }
      }
    }
  }
  const parsedCalendar = calendar === undefined ? undefined : parseCalendar(calendar, problems);
  const frameworks = parseOutcomeFrameworks(outcomeFrameworks, outcomeFramework, problems);
  if (problems.length > 0) throw new ConfigError(`${source} is not valid: ${problems.join('; ')}.`);
  const consentRules = Object.fromEntries(
    Object.entries({ consentWithdrawal, planSignOff, youngPersonConsentAge }).filter(([, value]) => value !== undefined),
  ) as Pick<DeadlinePolicyOverrides, 'consentWithdrawal' | 'planSignOff' | 'youngPersonConsentAge'>;
  return {
    overrides: { ...(deadlines === undefined ? {} : { deadlines: deadlines as DeadlinePolicyOverrides['deadlines'] }), ...consentRules },
    calendar: parsedCalendar,
    outcomeFrameworks: frameworks.frameworks,
    outcomeFramework: frameworks.chosen,
  };
}

/** The deadline overrides of a policy file's content (see `parsePolicyFile`). */
export function parseDeadlinePolicyOverrides(json: unknown, source = 'the deadline policy'): DeadlinePolicyOverrides {
  return parsePolicyFile(json, source).overrides;
}

function loadPolicyFile(file: string | undefined): Omit<PolicyFile, 'overrides'> & { deadlinePolicy: DeadlinePolicy } {
  if (file === undefined) return { deadlinePolicy: DEFAULT_DEADLINE_POLICY, calendar: undefined, outcomeFrameworks: [], outcomeFramework: undefined };
  let text: string;
  try {
    text = readFileSync(resolve(file), 'utf8');
  } catch {
    throw new ConfigError(`DEADLINE_POLICY_FILE: cannot read "${file}".`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(`DEADLINE_POLICY_FILE: "${file}" is not valid JSON.`);
  }
  const parsed = parsePolicyFile(json, `DEADLINE_POLICY_FILE "${file}"`);
  return {
    deadlinePolicy: mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, parsed.overrides),
    calendar: parsed.calendar,
    outcomeFrameworks: parsed.outcomeFrameworks,
    outcomeFramework: parsed.outcomeFramework,
  };
}

/** Loopback hosts: the built-in development secret is only for a demo nobody else can reach. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

function loadTokenConfig(env: Env, where: { databaseUrl: string | undefined; host: string }): TokenConfig {
  const secret = nonEmpty(env, 'TOKEN_SECRET');
  const jwksUrl = nonEmpty(env, 'JWKS_URL');
  const issuer = nonEmpty(env, 'TOKEN_ISSUER') ?? 'tacu';
  const audience = nonEmpty(env, 'TOKEN_AUDIENCE') ?? 'tacu-api';
  // An hour by default: what a stolen token is worth. A day at most.
  const maxLifetimeSeconds = integer(env, 'TOKEN_MAX_LIFETIME_SECONDS', 3600, 60, 24 * 60 * 60);
  if (secret && jwksUrl) throw new ConfigError('Set TOKEN_SECRET or JWKS_URL, not both.');
  if (jwksUrl) {
    try {
      const url = new URL(jwksUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('protocol');
    } catch {
      throw new ConfigError(`JWKS_URL must be an http(s) URL (got "${jwksUrl}").`);
    }
    return { kind: 'jwks', jwksUrl, issuer, audience, maxLifetimeSeconds };
  }
  if (secret !== undefined && secret.length < 32) throw new ConfigError('TOKEN_SECRET must be at least 32 characters long.');
  // With the development secret anyone can mint tokens: refuse it for a real database or a reachable host.
  if (secret === undefined && (where.databaseUrl !== undefined || !LOOPBACK_HOSTS.has(where.host))) {
    throw new ConfigError(
      'TOKEN_SECRET (32+ characters) or JWKS_URL must be set when DATABASE_URL is set or HOST is not a loopback address: the built-in development secret is only for the local embedded demo.',
    );
  }
  return { kind: 'secret', secret: secret ?? DEV_TOKEN_SECRET, isDevSecret: secret === undefined, issuer, audience, maxLifetimeSeconds };
}

function loadRateLimits(env: Env): RateLimitSettings {
  return {
    windowSeconds: integer(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 24 * 60 * 60),
    perUser: integer(env, 'RATE_LIMIT_PER_USER', 600, 0, 1_000_000_000),
    perAddress: integer(env, 'RATE_LIMIT_PER_ADDRESS', 1200, 0, 1_000_000_000),
    failedAuthPerAddress: integer(env, 'RATE_LIMIT_FAILED_AUTH', 20, 0, 1_000_000_000),
  };
}

function loadCursorSecret(env: Env, token: TokenConfig): string {
  const own = nonEmpty(env, 'CURSOR_SECRET');
  if (own !== undefined) {
    if (own.length < 32) throw new ConfigError('CURSOR_SECRET must be at least 32 characters long.');
    return own;
  }
  // A key of its own for cursors, so a cursor never helps to guess the token secret.
  if (token.kind === 'secret') return createHmac('sha256', token.secret).update('tacu list cursors').digest('base64url');
  return randomBytes(32).toString('base64url');
}

const HEX_COLOUR = /^#[0-9a-f]{6}$/i;

/** The relative luminance of a #rrggbb colour (WCAG 2.2, "relative luminance"). */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** The contrast ratio of white text on a #rrggbb colour (WCAG 2.2 "contrast ratio"), e.g. 7.1. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** Text shown in the header: one line, printable, not too long. */
function organisationName(env: Env): string {
  const name = nonEmpty(env, 'ORGANISATION_NAME') ?? 'Demo Family Support Network';
  // eslint-disable-next-line no-control-regex
  if (name.length > 80 || /[\u0000-\u001f\u007f]/.test(name)) throw new ConfigError('ORGANISATION_NAME must be one line of at most 80 characters.');
  return name;
}

function brandColour(env: Env): string {
  const colour = nonEmpty(env, 'BRAND_COLOUR') ?? '#0b5b52';
  if (!HEX_COLOUR.test(colour)) throw new ConfigError(`BRAND_COLOUR must be a colour written #rrggbb (got "${colour}").`);
  const ratio = contrastWithWhite(colour);
  // The header's text is white on this colour: WCAG 2.2 AA asks 4.5:1 for text.
  if (ratio < 4.5) throw new ConfigError(`BRAND_COLOUR ${colour} gives white text a contrast of ${ratio.toFixed(2)}:1; pick a darker colour (at least 4.5:1, WCAG 2.2 AA).`);
  return colour.toLowerCase();
}

function httpUrl(name: string, raw: string): URL {
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:' || url.protocol === 'http:') return url;
  } catch {
    // said below
  }
  throw new ConfigError(`${name} must be an http(s) URL (got "${raw}").`);
}

function loadOidc(env: Env): OidcConfig | undefined {
  const issuer = nonEmpty(env, 'OIDC_ISSUER');
  const clientId = nonEmpty(env, 'OIDC_CLIENT_ID');
  if (issuer === undefined && clientId === undefined) return undefined;
  if (issuer === undefined || clientId === undefined) throw new ConfigError('Set both OIDC_ISSUER and OIDC_CLIENT_ID to sign in with an identity provider (or neither).');
  const url = httpUrl('OIDC_ISSUER', issuer);
  const allowHttp = url.protocol === 'http:';
  // Codes and tokens travel to the provider: only over HTTPS, unless the provider is on this machine.
  if (allowHttp && !LOOPBACK_HOSTS.has(url.hostname.replace(/^\[|\]$/g, ''))) throw new ConfigError(`OIDC_ISSUER must be an https URL (got "${issuer}"); plain http is allowed only for a provider on this machine.`);
  const scopes = nonEmpty(env, 'OIDC_SCOPES') ?? 'openid profile';
  if (!scopes.split(/\s+/).includes('openid')) throw new ConfigError(`OIDC_SCOPES must include "openid" (got "${scopes}").`);
  return {
    issuer,
    clientId,
    clientSecret: nonEmpty(env, 'OIDC_CLIENT_SECRET'),
    scopes,
    claims: {
      userId: nonEmpty(env, 'OIDC_USER_ID_CLAIM') ?? 'sub',
      role: nonEmpty(env, 'OIDC_ROLE_CLAIM') ?? 'tacu_role',
      area: nonEmpty(env, 'OIDC_AREA_CLAIM') ?? 'tacu_area',
      name: nonEmpty(env, 'OIDC_NAME_CLAIM') ?? 'name',
    },
    allowHttp,
  };
}

function loadPages(env: Env, where: { databaseUrl: string | undefined; host: string; port: number; token: TokenConfig }): PagesConfig {
  const loopback = LOOPBACK_HOSTS.has(where.host);
  const publicUrl = nonEmpty(env, 'PUBLIC_URL') ?? `http://${where.host.includes(':') ? `[${where.host}]` : where.host}:${where.port}`;
  const publicOrigin = httpUrl('PUBLIC_URL', publicUrl);
  let secret = nonEmpty(env, 'SESSION_SECRET');
  if (secret !== undefined && secret.length < 32) throw new ConfigError('SESSION_SECRET must be at least 32 characters long.');
  if (secret === undefined) {
    // A key of its own, as for cursors: derived from TOKEN_SECRET (which the configuration already
    // requires off the local demo), so a session cookie never helps to guess the token secret; with
    // JWKS_URL there is no shared secret to derive from: a random key per process (set SESSION_SECRET
    // when several processes serve the pages, or sessions end at a restart).
    secret = where.token.kind === 'secret' ? createHmac('sha256', where.token.secret).update('tacu page sessions').digest('base64url') : randomBytes(32).toString('base64url');
  }
  return {
    organisationName: organisationName(env),
    brandColour: brandColour(env),
    publicUrl: publicOrigin.origin,
    session: {
      secret,
      idleMinutes: integer(env, 'SESSION_IDLE_MINUTES', 30, 1, 12 * 60),
      maxHours: integer(env, 'SESSION_MAX_HOURS', 12, 1, 7 * 24),
      secureCookies: boolean(env, 'SECURE_COOKIES', !loopback || publicOrigin.protocol === 'https:'),
    },
    demoSignIn: where.databaseUrl === undefined && loopback,
    oidc: loadOidc(env),
  };
}

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = nonEmpty(env, 'DATABASE_URL');
  const logLevel = nonEmpty(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);
  const deadlinePolicyFile = nonEmpty(env, 'DEADLINE_POLICY_FILE');
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';
  const token = loadTokenConfig(env, { databaseUrl, host });
  const policyFile = loadPolicyFile(deadlinePolicyFile);
  const port = integer(env, 'PORT', 3000, 0, 65535);
  return {
    databaseUrl,
    dataDir: nonEmpty(env, 'DATA_DIR') ?? './.data/pglite',
    templates: { dir: nonEmpty(env, 'TEMPLATES_DIR') ?? './templates', overrideDir: nonEmpty(env, 'TEMPLATES_OVERRIDE_DIR') },
    pdf: { chromiumPath: nonEmpty(env, 'CHROMIUM_PATH') ?? '/usr/bin/chromium', pages: integer(env, 'PDF_PAGES', Math.min(4, Math.max(1, availableParallelism())), 1, 16) },
    port,
    host,
    token,
    deadlinePolicy: policyFile.deadlinePolicy,
    deadlinePolicyFile,
    calendar: policyFile.calendar,
    outcomeFrameworks: policyFile.outcomeFrameworks,
    outcomeFramework: policyFile.outcomeFramework,
    seedDemo: boolean(env, 'SEED_DEMO', databaseUrl === undefined),
    logLevel,
    timerIntervalMs: integer(env, 'TIMER_INTERVAL_MS', 5000, 0, 24 * 60 * 60 * 1000),
    rateLimit: loadRateLimits(env),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    cursorSecret: loadCursorSecret(env, token),
    pages: loadPages(env, { databaseUrl, host, port, token }),
  };
}
