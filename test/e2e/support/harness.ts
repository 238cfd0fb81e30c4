/**
 * The assembled API over a private PGlite copy, with a clock the test moves: the same
 * `createApp` as main.ts, only the database and the clock are handed in. Requests go through
 * supertest to the real Fastify server (no listening port).
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { DestinationStream } from 'pino';
import supertest from 'supertest';
import { signToken } from '@tacu/auth';
import type { Actor, CaseEvent } from '@tacu/domain';
import { randomBytes, createHash } from 'node:crypto';
import { PeopleStore, WebSessionStore, type TacuDataSource } from '@tacu/persistence';
import { createTestDataSource, FixedClock } from '@tacu/testing';
import { createApp, DEMO_AREA, demoActor, loadConfig, sampleOpenCase, seedDemoPeople, type AppConfig, type JourneyStep, type OpenCaseInput } from './api';

export const SECRET = 'e2e-test-secret-0123456789-abcdefghijklmnop';

export const USERS = {
  coordinator: 'u-coord-0001',
  lead: 'u-lp-0001',
  otherLead: 'u-lp-0002',
  agency: 'u-agency-0001',
  dlp: 'u-dlp-0001',
  manager: 'u-mgr-0001',
} as const;

/** A second area, to show that areas do not see each other's cases. */
export const OTHER_AREA = { id: 'galway-city', name: 'Galway City' };
export const OTHER_COORDINATOR: Actor = { id: 'u-coord-galway', role: 'coordinator', areaId: OTHER_AREA.id, name: 'Máire Ní Fhlaithearta' };

export interface Harness {
  app: NestFastifyApplication;
  http: ReturnType<typeof supertest>;
  dataSource: TacuDataSource;
  clock: FixedClock;
  config: AppConfig;
  /** A bearer token for a demo user id, or for any actor. */
  token(who: string | Actor): Promise<string>;
  close(): Promise<void>;
}

/**
 * Rate limits so high no test meets them: a test that is about rate limits passes its own
 * RATE_LIMIT_* in `env`.
 */
export const UNTHROTTLED = {
  RATE_LIMIT_PER_USER: '1000000000',
  RATE_LIMIT_PER_ADDRESS: '1000000000',
  RATE_LIMIT_FAILED_AUTH: '1000000000',
} as const;

/** `logDestination`: where the app's log lines go (set LOG_LEVEL in `env` too: the default is silent). */
export async function startHarness(env: Record<string, string> = {}, { logDestination }: { logDestination?: DestinationStream } = {}): Promise<Harness> {
  const dataSource = await createTestDataSource();
  const clock = new FixedClock('2026-03-02T09:00:00.000Z');
  const config = loadConfig({ TOKEN_SECRET: SECRET, LOG_LEVEL: 'silent', TIMER_INTERVAL_MS: '0', ...UNTHROTTLED, ...env });
  const app = await createApp({ config, dataSource, clock, ...(logDestination ? { logDestination } : {}) }, { abortOnError: false });
  await seedDemoPeople(dataSource);
  await dataSource.transaction(async (manager) => {
    const people = new PeopleStore(manager);
    await people.upsertArea(OTHER_AREA);
    await people.upsertUser({ id: OTHER_COORDINATOR.id, areaId: OTHER_AREA.id, role: 'coordinator', displayName: 'Máire', agency: null });
  });
  const tokens = new Map<string, string>();
  return {
    app,
    http: supertest(app.getHttpServer()),
    dataSource,
    clock,
    config,
    async token(who) {
      const actor = typeof who === 'string' ? demoActor(who) : who;
      const key = JSON.stringify(actor);
      let token = tokens.get(key);
      if (!token) {
        token = await signToken(actor, { secret: SECRET });
        tokens.set(key, token);
      }
      return token;
    },
    async close() {
      await app.close();
      await dataSource.destroy();
    },
  };
}

/** A valid POST /cases body in the demo area (a new family unless `familyId` is given). */
export function openCaseBody(overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return { ...sampleOpenCase(), areaId: DEMO_AREA.id, leadPractitionerId: USERS.lead, ...overrides };
}

export async function openCase(h: Harness, as: string = USERS.lead, overrides: Partial<OpenCaseInput> = {}): Promise<{ id: string; familyId: string; body: Record<string, unknown> }> {
  const res = await h.http.post('/cases').auth(await h.token(as), { type: 'bearer' }).send(openCaseBody(overrides));
  if (res.status !== 201) throw new Error(`POST /cases answered ${res.status}: ${JSON.stringify(res.body)}`);
  return { id: res.body.id, familyId: res.body.familyId, body: res.body };
}

export async function send(h: Harness, caseId: string, event: CaseEvent | Record<string, unknown>, as: string | Actor, headers: Record<string, string> = {}) {
  const req = h.http.post(`/cases/${caseId}/events`).auth(await h.token(as), { type: 'bearer' });
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send(event);
}

/** Sends each step as its sender and checks the state it leads to; returns the last answer. */
export async function drive(h: Harness, caseId: string, steps: readonly JourneyStep[], lead: string = USERS.lead): Promise<Record<string, unknown>> {
  let last: Record<string, unknown> = {};
  for (const step of steps) {
    const res = await send(h, caseId, step.event, step.by === 'lead' ? lead : USERS.coordinator);
    if (res.status !== 200 || res.body.state !== step.state) {
      throw new Error(`${step.event.type} → ${res.status} ${JSON.stringify(res.body)} (expected state ${step.state})`);
    }
    last = res.body;
  }
  return last;
}

export async function get(h: Harness, path: string, as: string | Actor) {
  return h.http.get(path).auth(await h.token(as), { type: 'bearer' });
}

/** The item at `index`, or a failed test if there is none (no non-null assertions in tests). */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item at index ${index} (length ${list.length})`);
  return item;
}

/** A signed-in browser of the pages, as far as a request needs one: its cookie header and its forms' token. */
export interface PageBrowserSession {
  cookie: string;
  csrf: string;
}

/**
 * One page session per person, made when first asked for and kept: a spec's signed-in people.
 * `harness` is read when a session is first made (the harness starts in `beforeAll`).
 */
export function pageSessions(harness: () => Harness): (who: string | Actor) => Promise<PageBrowserSession> {
  const made = new Map<string, PageBrowserSession>();
  return async (who) => {
    const key = typeof who === 'string' ? who : who.id;
    let found = made.get(key);
    if (!found) {
      found = await pageSession(harness(), who);
      made.set(key, found);
    }
    return found;
  };
}

/**
 * A session of the pages for any actor whose account exists, written as sign-in writes it (a row of
 * web_sessions, the cookie signed by the app's own key), for tests that need many people signed in.
 */
export async function pageSession(h: Harness, who: string | Actor): Promise<PageBrowserSession> {
  const actor = typeof who === 'string' ? demoActor(who) : who;
  const id = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  const now = h.clock.now();
  await new WebSessionStore(h.dataSource.manager).insert({
    idHash: createHash('sha256').update(id).digest('hex'),
    userId: actor.id,
    role: actor.role,
    areaId: actor.areaId,
    name: actor.name ?? actor.id,
    signedInWith: 'demo',
    csrfToken: csrf,
    search: null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt: new Date(now.getTime() + 3_600_000),
  });
  const signed = (h.app.getHttpAdapter().getInstance() as unknown as { signCookie(value: string): string }).signCookie(id);
  return { cookie: `tacu_session=${encodeURIComponent(signed)}`, csrf };
}

/** Text of a page without tags, entities read, spaces collapsed: what a person reads. */
export const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
