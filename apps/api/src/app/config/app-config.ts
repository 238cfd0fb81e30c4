/**
 * Configuration, read once from environment variables (the table in the README and
 * apps/api/README.md). Invalid values stop the start with a message that says what to fix.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  DEADLINE_NAMES,
  DEFAULT_DEADLINE_POLICY,
  mergeDeadlinePolicy,
  type DeadlinePolicy,
  type DeadlinePolicyOverrides,
} from '@tacu/domain';

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
  port: number;
  host: string;
  token: TokenConfig;
  deadlinePolicy: DeadlinePolicy;
  deadlinePolicyFile: string | undefined;
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

const UNITS = ['workingDays', 'calendarDays', 'weeks', 'sameDay'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Checks a deadline policy file's content: unknown deadline names and fields are rejected. */
export function parseDeadlinePolicyOverrides(json: unknown, source = 'the deadline policy'): DeadlinePolicyOverrides {
  const problems: string[] = [];
  if (json === null || typeof json !== 'object' || Array.isArray(json)) throw new ConfigError(`${source} must be a JSON object.`);
  const { deadlines, holidays, ...rest } = json as Record<string, unknown>;
  for (const key of Object.keys(rest)) problems.push(`unknown field "${key}" (expected "deadlines" and "holidays")`);
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
          } else if (field === 'basis' && value !== 'published' && value !== 'suggested') problems.push(`deadline "${name}": basis must be "published" or "suggested"`);
          else if (field === 'description' && typeof value !== 'string') problems.push(`deadline "${name}": description must be text`);
          else if (!['unit', 'amount', 'basis', 'description'].includes(field)) problems.push(`deadline "${name}": unknown field "${field}"`);
        }
      }
    }
  }
  if (holidays !== undefined) {
    if (!Array.isArray(holidays) || holidays.some((d) => typeof d !== 'string' || !DAY.test(d) || Number.isNaN(Date.parse(d)))) {
      problems.push('"holidays" must be a list of days written YYYY-MM-DD');
    }
  }
  if (problems.length > 0) throw new ConfigError(`${source} is not valid: ${problems.join('; ')}.`);
  return json as DeadlinePolicyOverrides;
}

function loadDeadlinePolicy(file: string | undefined): DeadlinePolicy {
  if (file === undefined) return DEFAULT_DEADLINE_POLICY;
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
  return mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, parseDeadlinePolicyOverrides(json, `DEADLINE_POLICY_FILE "${file}"`));
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

export function loadConfig(env: Env = process.env): AppConfig {
  const databaseUrl = nonEmpty(env, 'DATABASE_URL');
  const logLevel = nonEmpty(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}").`);
  const deadlinePolicyFile = nonEmpty(env, 'DEADLINE_POLICY_FILE');
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';
  const token = loadTokenConfig(env, { databaseUrl, host });
  return {
    databaseUrl,
    dataDir: nonEmpty(env, 'DATA_DIR') ?? './.data/pglite',
    port: integer(env, 'PORT', 3000, 0, 65535),
    host,
    token,
    deadlinePolicy: loadDeadlinePolicy(deadlinePolicyFile),
    deadlinePolicyFile,
    seedDemo: boolean(env, 'SEED_DEMO', databaseUrl === undefined),
    logLevel,
    timerIntervalMs: integer(env, 'TIMER_INTERVAL_MS', 5000, 0, 24 * 60 * 60 * 1000),
    rateLimit: loadRateLimits(env),
    trustProxy: boolean(env, 'TRUST_PROXY', false),
    cursorSecret: loadCursorSecret(env, token),
  };
}
