/**
 * The generated bad-input test. Every route of the running app's route table (so a new route is
 * covered without being named here) and every event type of the event catalogue are sent each
 * kind of bad input: NUL and other control characters, lone surrogates, bytes that are not UTF-8,
 * over-long text, deep nesting, many fields, huge lists, oversized bodies, wrong types, crafted
 * cursors, zone-less date-times and impossible dates. Whatever the route or the event:
 *
 * - no answer is a 5xx;
 * - every answer is bounded: a problem+json (or, for the pages, an error page) of at most MAX_PROBLEM_BYTES, or (where the route
 *   ignores what was bad, e.g. an unknown query parameter) no bigger than its clean answer;
 * - nothing is written: the rows of cases, audit_events, timers, outbox, families, family_members,
 *   idempotency_records and pre_request_checklists are the same before and after, and the family
 *   members' records (details and sensitive details) are unchanged.
 *
 * Requests go over HTTP to the listening app, a few at a time. The failures are listed together.
 */
import { CASE_EVENT_TYPES } from '@tacu/domain';
import { CASE_EVENT_SAMPLES, fullJourney, routesOf, sampleChecklist, sampleChildDetails, sampleEvent, sampleOpenCase, type RouteEntry } from './support/api';
import { openCase, openCaseBody, startHarness, USERS, type Harness } from './support/harness';

/** The largest error answer allowed: 20 listed problems with their paths are far below it. */
const MAX_PROBLEM_BYTES = 16 * 1024;
const TABLES = ['cases', 'audit_events', 'timers', 'outbox', 'families', 'family_members', 'idempotency_records', 'pre_request_checklists'];
const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface Probe {
  /** What kind of bad input, for the failure list. */
  kind: string;
  method: string;
  path: string;
  token?: string;
  contentType?: string;
  /** Sent as is: a Buffer for bytes that are not UTF-8. */
  body?: string | Buffer;
  /** The size of the route's clean answer, which a 2xx answer may not exceed. */
  cleanBytes: number;
}

interface Answer {
  status: number;
  bytes: number;
  contentType: string;
  fromApp: boolean;
}

// ---- kinds of bad values -------------------------------------------------------------------

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;
/** JSON text that no JSON.stringify can write: a lone surrogate escape, a number past double. */
const RAW_LONE_SURROGATE = '"\\ud800 lone"';
const RAW_INFINITY = '1e309';

/** What a node of a JSON body is, for choosing the bad values that fit it. */
type NodeClass = 'text' | 'day' | 'instant' | 'number' | 'boolean' | 'list' | 'object';

function classOf(value: Json): NodeClass | undefined {
  if (typeof value === 'string') return DAY.test(value) ? 'day' : INSTANT.test(value) ? 'instant' : 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value)) return 'list';
  return value === null ? undefined : 'object';
}

type BadValue = { kind: string; raw: string };
const json = (kind: string, v: unknown): BadValue => ({ kind, raw: JSON.stringify(v) });

/** The inputs that answered 500: tried on every text field. */
const EVERY_TEXT: BadValue[] = [json('NUL', 'before\u0000after'), { kind: 'lone surrogate', raw: RAW_LONE_SURROGATE }];

/** The other bad values of each class of node; none of them is valid for any field of ours. */
const BAD_VALUES: Record<NodeClass, BadValue[]> = {
  text: [
    json('control character', 'text\u001b[2J'),
    json('carriage return alone', 'one\rtwo'),
    json('lone low surrogate', '\udc00 low'),
    json('over-long text', 'x'.repeat(50_001)),
    json('wrong type: number', 42),
    json('wrong type: null', null),
    json('wrong type: list', ['x']),
    json('wrong type: object', { x: 'y' }),
  ],
  day: ['2026-02-30', '2027-02-29', '0000-01-01', '2026-13-01', '10/06/2026', '2026-3-2', '2999-01-01', '1896-01-01', '2026-03-02T00:00:00Z'].map((day) => json(`impossible date ${day}`, day)),
  instant: ['2026-04-15T10:00:00', '2026-04-15', '2026-04-15T25:00:00Z', '2026-02-30T10:00:00Z', '2026-04-15T10:00:00+15:00', '2999-01-01T10:00:00Z', '1896-01-01T10:00:00Z'].map((at) =>
    json(`zone-less or impossible date-time ${at}`, at),
  ),
  number: [json('wrong type: text', '1'), json('wrong type: null', null), json('wrong type: boolean', true), json('not whole', 1.5), json('negative', -1), { kind: 'infinite', raw: RAW_INFINITY }],
  boolean: [json('wrong type: text', 'true'), json('wrong type: number', 0), json('wrong type: null', null)],
  list: [
    json('wrong type: object', {}),
    json('wrong type: text', 'x'),
    json('wrong type: null', null),
    json('huge list', new Array(5_000).fill(0)),
    json('too many items', new Array(101).fill('x')),
    json('list of lists', [[0]]),
  ],
  object: [
    json('wrong type: list', [{}]),
    json('wrong type: text', 'x'),
    json('wrong type: null', null),
    { kind: 'deep nesting', raw: `${'{"a":'.repeat(50)}1${'}'.repeat(50)}` },
    json('many fields', Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`extra${i}`, i]))),
    { kind: 'a field called __proto__', raw: '{"__proto__":{"isAdmin":true}}' },
  ],
};

/** Every path to a leaf or container of a JSON value (`actions.0.owner.name`), with its value. */
function nodesOf(value: Json, path: (string | number)[] = []): Array<{ path: (string | number)[]; value: Json }> {
  const here = path.length > 0 ? [{ path, value }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((item, i) => nodesOf(item, [...path, i]))];
  if (value !== null && typeof value === 'object') return [...here, ...Object.entries(value).flatMap(([k, v]) => nodesOf(v, [...path, k]))];
  return here;
}

/** JSON text of `value` with the node at `path` written as `raw`. */
function withRaw(value: Json, path: (string | number)[], raw: string): string {
  const marker = `__bad_${Math.random().toString(36).slice(2)}__`;
  const copy = structuredClone(value) as Json;
  let parent = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  parent[path[path.length - 1] as string | number] = marker;
  return JSON.stringify(copy).replace(JSON.stringify(marker), raw);
}

/**
 * Bad bodies made from a clean one, one node changed in each: NUL and a lone surrogate in every
 * text field, every impossible date in every date field, and each other bad value of a class in
 * one of the nodes of that class, taken in turn (so every kind meets every body), and bad types.
 */
function badBodiesFrom(clean: Json, label: string): Array<{ kind: string; body: string }> {
  const all = nodesOf(clean);
  const nodes = all.filter((node) => node.path.length !== 1 || node.path[0] !== 'type');
  const bodies: Array<{ kind: string; body: string }> = [];
  const add = (path: (string | number)[], bad: BadValue) => bodies.push({ kind: `${label} ${path.join('.')}: ${bad.kind}`, body: withRaw(clean, path, bad.raw) });
  for (const node of nodes) if (classOf(node.value) === 'text') for (const bad of EVERY_TEXT) add(node.path, bad);
  for (const [nodeClass, values] of Object.entries(BAD_VALUES) as [NodeClass, BadValue[]][]) {
    const ofClass = nodes.filter((node) => classOf(node.value) === nodeClass);
    values.forEach((bad, i) => {
      const chosen = nodeClass === 'day' || nodeClass === 'instant' ? ofClass : [ofClass[i % Math.max(1, ofClass.length)]];
      for (const node of chosen) if (node) add(node.path, bad);
    });
  }
  if (all.length !== nodes.length) for (const bad of [json('unknown type', 'DELETE_CASE'), json('type with NUL', 'SUBMIT_REQUEST\u0000'), json('wrong type: number', 1)]) add(['type'], bad);
  return bodies;
}

/** Whole bodies that are bad whatever the route. */
function badBodies(): Array<{ kind: string; body: string | Buffer; contentType?: string }> {
  const unknownFields = `{${Array.from({ length: 80_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
  return [
    { kind: 'bytes that are not UTF-8', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d]) },
    { kind: 'a surrogate encoded in UTF-8 (CESU-8)', body: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x7d]) },
    { kind: 'empty body', body: '' },
    { kind: 'not JSON', body: '{"type": ' },
    { kind: 'JSON null', body: 'null' },
    { kind: 'JSON number', body: '42' },
    { kind: 'JSON text', body: '"RECORD_CONSENT"' },
    { kind: 'JSON list', body: '[]' },
    { kind: 'NUL in a field name', body: '{"ty\\u0000pe":"x"}' },
    { kind: 'lone surrogate in a field name', body: '{"\\ud800":"x"}' },
    { kind: '__proto__ field', body: '{"__proto__":{"role":"coordinator"},"type":"SUBMIT_REQUEST"}' },
    { kind: 'JSON nested 10,000 deep', body: `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}` },
    { kind: 'lists nested 100,000 deep', body: `${'['.repeat(100_000)}${']'.repeat(100_000)}` },
    { kind: '80,000 unknown fields', body: unknownFields },
    { kind: 'a list of 200,000 numbers', body: JSON.stringify({ type: 'RECORD_ASSESSMENT', strengths: new Array(200_000).fill(0) }) },
    { kind: 'a body over 1 MiB', body: JSON.stringify({ type: 'DISTRIBUTE_MINUTES', minutes: 'x'.repeat(1_100_000) }) },
    { kind: 'text/plain with NUL', body: 'hello\u0000', contentType: 'text/plain' },
    { kind: 'form with NUL', body: 'type=RECORD_REQUEST_DETAILS&reasonForRequest=a%00b', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'form with a badly encoded value', body: 'type=%ED%A0%80', contentType: 'application/x-www-form-urlencoded' },
    { kind: 'unsupported content type', body: '<case/>', contentType: 'application/xml' },
  ];
}

/** Query strings whose text or shape is bad, whatever the route: sent to every route. */
const BAD_QUERY_TEXT: Array<{ kind: string; query: string }> = [
  { kind: 'NUL', query: 'state=a%00' },
  { kind: 'control character', query: 'areaId=%1B%5B2J' },
  { kind: 'lone surrogate, percent-encoded', query: 'state=%ED%A0%80' },
  { kind: 'bytes that are not UTF-8', query: 'state=%FF%FE' },
  { kind: 'a % alone', query: 'state=100%' },
  { kind: 'NUL in a parameter name', query: 'st%00ate=x' },
  { kind: 'long text', query: `state=${'x'.repeat(12_000)}` },
  { kind: 'many parameters', query: Array.from({ length: 200 }, (_, i) => `k${i}=${i}`).join('&') },
  { kind: 'a parameter 1,100 times', query: Array.from({ length: 1_100 }, () => 'stage=request').join('&') },
];

/**
 * Query parameters with bad values (cursors, dates, numbers): sent to every GET route that reads
 * its query (one that refuses an unknown parameter); a route that ignores its query, and a HEAD
 * route (its GET's handler), get the text and shape kinds above, which every route refuses.
 */
function badQueryValues(): Array<{ kind: string; query: string }> {
  const unsigned = Buffer.from(JSON.stringify(['openedAt', '1', '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f'])).toString('base64url');
  return [
    { kind: 'crafted cursor (unsigned, sort key "1")', query: `cursor=${unsigned}` },
    { kind: 'crafted cursor (forged signature)', query: `cursor=${unsigned}.AAAAAAAAAAAAAAAAAAAAAA` },
    { kind: 'crafted cursor (garbage)', query: 'cursor=%22%27%3B--' },
    { kind: 'empty cursor', query: 'cursor=' },
    { kind: 'zone-less date-time', query: 'dueBefore=2026-12-01T00:00:00' },
    { kind: 'date without a time', query: 'dueBefore=2026-12-01' },
    { kind: 'impossible date', query: 'dueBefore=2026-02-30T00:00:00Z' },
    { kind: 'year zero', query: 'dueBefore=0000-01-01T00:00:00Z' },
    { kind: 'year 275760', query: 'dueBefore=%2B275760-09-13T00:00:00Z' },
    { kind: 'wrong type: limit', query: 'limit=abc' },
    { kind: 'limit out of range', query: 'limit=-1' },
    { kind: 'limit past double', query: 'limit=1e309' },
    { kind: 'limit past 64 bits', query: 'limit=99999999999999999999' },
    { kind: 'wrong type: overdue', query: 'overdue=maybe' },
    { kind: 'not a uuid', query: 'familyId=not-a-uuid' },
    { kind: 'unknown sort', query: 'sort=random()' },
    { kind: 'list syntax', query: 'stage[]=request&stage[0]=x' },
    { kind: 'version not whole', query: 'version=1.5' },
    { kind: 'version past 64 bits', query: 'version=99999999999999999999' },
  ];
}

/** Values for one path parameter that are bad whatever the route. */
const BAD_PARAMS: Array<{ kind: string; value: string }> = [
  { kind: 'NUL', value: '%00' },
  { kind: 'control character', value: 'a%07b' },
  { kind: 'lone surrogate, percent-encoded', value: '%ED%A0%80' },
  { kind: 'bytes that are not UTF-8', value: '%FF' },
  { kind: 'a broken percent escape', value: '%E0%A4%A' },
  { kind: 'long text', value: 'x'.repeat(2_000) },
  { kind: 'dot segments', value: '..%2F..%2Fetc%2Fpasswd' },
  { kind: 'SQL', value: "1'%20OR%20'1'%3D'1" },
  { kind: 'emoji', value: '%F0%9F%98%80' },
  { kind: 'number past double', value: '1e309' },
];

// ---- the test ------------------------------------------------------------------------------

describe('every route and every event type, with every kind of bad input', () => {
  let h: Harness;
  let base: string;
  let caseId: string;
  /** Path parameters that name something other than the route's main id (a family member of the case). */
  const named: Record<string, string> = {};
  let checklistId: string;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    h = await startHarness();
    await h.app.listen({ port: 0, host: '127.0.0.1' });
    const address = h.app.getHttpServer().address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    for (const [name, id] of Object.entries(USERS)) tokens[name] = await h.token(id);
    const opened = await openCase(h);
    caseId = opened.id;
    const grandmother = (opened.body['familyMembers'] as { id: string; relationship: string }[]).find((m) => m.relationship === 'grandparent');
    if (!grandmother) throw new Error('the sample case has no grandparent');
    named['memberId'] = grandmother.id;
    const checklist = await fetch(`${base}/pre-request-checklists`, { method: 'POST', headers: { authorization: `Bearer ${tokens['lead']}`, 'content-type': 'application/json' }, body: JSON.stringify(sampleChecklist()) });
    checklistId = ((await checklist.json()) as { id: string }).id;
  });
  afterAll(() => h.close());

  async function call(probe: Omit<Probe, 'kind' | 'cleanBytes'>): Promise<Answer> {
    const headers: Record<string, string> = {};
    if (probe.token) headers['authorization'] = `Bearer ${probe.token}`;
    if (probe.body !== undefined) headers['content-type'] = probe.contentType ?? 'application/json';
    // A page's redirect (to sign in, after a form) is its answer: not followed, as a browser's next request would be another probe.
    const res = await fetch(`${base}${probe.path}`, { method: probe.method, headers, body: probe.body, redirect: probe.path.startsWith('/app') ? 'manual' : 'follow' });
    const body = Buffer.from(await res.arrayBuffer());
    return { status: res.status, bytes: body.length, contentType: res.headers.get('content-type') ?? '', fromApp: res.headers.has('x-request-id') };
  }

  const rowCounts = async (): Promise<Record<string, number | string>> => {
    const [row] = await h.dataSource.query(`SELECT ${TABLES.map((t) => `(SELECT count(*) FROM ${t})::int AS ${t}`).join(', ')}`);
    // Changes of family details write no row of their own: the members' records must stay as they were too.
    const [members] = await h.dataSource.query(`SELECT md5(string_agg(to_jsonb(m)::text, ',' ORDER BY m.id)) AS members FROM family_members m`);
    return { ...(row as Record<string, number>), members: (members as { members: string }).members };
  };

  /** A clean body for the routes that take one; `{}` for a route this test does not know yet. */
  const cleanBody = (route: RouteEntry): Json => {
    // With every detail of the child, so that each field meets every bad value.
    if (route.url === '/cases') return openCaseBody({ child: { ...sampleOpenCase().child, ...sampleChildDetails() } as never }) as unknown as Json;
    if (route.url.endsWith('/events')) return sampleEvent('RECORD_REQUEST_DETAILS') as unknown as Json;
    if (route.url === '/cases/:id/child') {
      const { schoolClass: _cleared, ...details } = sampleChildDetails();
      return { ...details, clear: ['schoolClass'] } as unknown as Json;
    }
    if (route.url === '/cases/:id/family-members/:memberId') {
      return { name: 'Bridget Murphy', relationship: 'grandmother', dateOfBirth: '1958-04-12', hasParentalResponsibility: true, firstLanguage: 'Irish', interpreterNeeded: false, contact: { phone: '+353 86 765 4321' }, sensitive: { address: '3 Mill Lane, Tallaght' }, clear: ['contact.email'] };
    }
    if (route.url === '/pre-request-checklists') return sampleChecklist({ outcome: 'noMeithealNeeded', actionTaken: 'Referred to the homework club of the school completion programme.' }) as unknown as Json;
    return {};
  };

  /** The route's path with each parameter filled: `bad.value` in `bad.param`, `fill` in the others (a wildcard gets a file). */
  const pathOf = (route: RouteEntry, fill: string, bad?: { param: string; value: string }): string =>
    route.url.replace(/:(\w+)|\*/g, (_whole: string, name: string | undefined) => {
      const param = name ?? '*';
      if (bad?.param === param) return bad.value;
      return param === '*' ? 'index.html' : (named[param] ?? fill);
    });

  /** A parameter value and a caller with which a clean request reaches the route (not 401, 403 or 404), and its answer's size. */
  async function reachable(route: RouteEntry): Promise<{ fill: string; token?: string; cleanBytes: number }> {
    const candidates = /[:*]/.test(route.url) ? [caseId, checklistId, 'case', 'dublin-south-central', USERS.lead, 'x'] : [''];
    const callers = [tokens['lead'], tokens['coordinator'], tokens['manager'], tokens['agency'], tokens['dlp'], undefined];
    const body = BODY_METHODS.has(route.method) ? JSON.stringify(cleanBody(route)) : undefined;
    let fallback: { fill: string; token?: string; cleanBytes: number } | undefined;
    for (const fill of candidates) {
      for (const token of callers) {
        const answer = await call({ method: route.method, path: pathOf(route, fill), token, body });
        if ([401, 403, 404].includes(answer.status)) continue;
        if (answer.status < 400) return { fill, token, cleanBytes: answer.bytes };
        fallback ??= { fill, token, cleanBytes: answer.bytes };
      }
    }
    return fallback ?? { fill: candidates[0] ?? '', token: tokens['lead'], cleanBytes: 0 };
  }

  /** Sends the probes a few at a time; the answers that are a 5xx, unbounded, or not a problem. */
  async function sendAll(probes: Probe[]): Promise<string[]> {
    const failures: string[] = [];
    for (let i = 0; i < probes.length; i += 8) {
      await Promise.all(
        probes.slice(i, i + 8).map(async (probe) => {
          const answer = await call(probe);
          const problems: string[] = [];
          if (answer.status >= 500) problems.push(`answered ${answer.status}`);
          if (answer.status >= 400 && answer.bytes > MAX_PROBLEM_BYTES) problems.push(`an error of ${answer.bytes} bytes`);
          // The pages (under /app) answer an error as a page a person reads, or, for what never reaches them (a body that is not a form), a problem.
          const errorTypes = probe.path.startsWith('/app') ? ['application/problem+json', 'text/html'] : ['application/problem+json'];
          if (answer.status >= 400 && answer.fromApp && !errorTypes.some((type) => answer.contentType.startsWith(type))) problems.push(`an error as ${answer.contentType}`);
          if (answer.status < 400 && answer.bytes > probe.cleanBytes + 1024) problems.push(`a ${answer.status} of ${answer.bytes} bytes (clean: ${probe.cleanBytes})`);
          if (problems.length > 0) failures.push(`${probe.kind}: ${problems.join(', ')}`);
        }),
      );
    }
    return failures;
  }

  it('every route of the route table: no 5xx, a bounded answer, nothing written', async () => {
    const routes = routesOf(h.app).filter((r) => r.method !== 'OPTIONS');
    expect(routes.length).toBeGreaterThan(10);

    const probes: Probe[] = [];
    // Routes that write first: their clean requests add to what the reads answer (a case's history
    // grows with each change), so a read's clean size is measured once every clean write is done.
    const writesFirst = [...routes.filter((r) => BODY_METHODS.has(r.method)), ...routes.filter((r) => !BODY_METHODS.has(r.method))];
    for (const route of writesFirst) {
      const { fill, token, cleanBytes } = await reachable(route);
      const name = `${route.method} ${route.url}`;
      const probe = (kind: string, path: string, extra: Partial<Probe> = {}): Probe => ({ kind: `${name} ${kind}`, method: route.method, path, token, cleanBytes, ...extra });
      for (const param of (route.url.match(/:(\w+)|\*/g) ?? []).map((p) => p.replace(/^:/, ''))) {
        for (const bad of BAD_PARAMS) probes.push(probe(`path ${param}: ${bad.kind}`, pathOf(route, fill, { param, value: bad.value })));
      }
      const clean = pathOf(route, fill);
      const readsQuery = route.method === 'GET' && (await call({ method: 'GET', path: `${clean}?unknownParameter=1`, token })).status === 400;
      for (const bad of [...BAD_QUERY_TEXT, ...(readsQuery ? badQueryValues() : [])]) probes.push(probe(`query: ${bad.kind}`, `${clean}?${bad.query}`));
      probes.push(probe('query without a token: NUL', `${clean}?state=%00`, { token: undefined }));
      if (BODY_METHODS.has(route.method)) {
        for (const bad of badBodies()) probes.push(probe(`body: ${bad.kind}`, clean, { body: bad.body, contentType: bad.contentType }));
        for (const bad of badBodiesFrom(cleanBody(route), 'body')) probes.push(probe(bad.kind, clean, { body: bad.body }));
      }
    }
    const before = await rowCounts();
    expect(await sendAll(probes)).toEqual([]);
    expect(await rowCounts()).toEqual(before);
  });

  it(`every event type of the catalogue (${CASE_EVENT_TYPES.length}), in a state that accepts it: no 5xx, a bounded answer, nothing written`, async () => {
    expect(Object.keys(CASE_EVENT_SAMPLES).sort()).toEqual([...CASE_EVENT_TYPES].sort());
    const senders = { lead: tokens['lead'], coordinator: tokens['coordinator'], dlp: tokens['dlp'] } as Record<string, string>;
    // Three walks through the case machine; at each state every event type not tried yet that
    // someone may send there is sent every bad variant of its sample, by that someone.
    // The journey, with a meeting cancelled and rescheduled, and progress reported on an action.
    const journey = fullJourney(USERS.lead).flatMap((step) => {
      const plain = [{ event: step.event as unknown, as: step.by as string }];
      if (step.event.type === 'INVITE_TO_MEETING') return [...plain, { event: sampleEvent('CANCEL_MEETING'), as: 'lead' }, { event: sampleEvent('RESCHEDULE_MEETING'), as: 'lead' }, ...plain];
      if (step.event.type === 'SIGN_OFF_PLAN') return [...plain, { event: sampleEvent('REPORT_ACTION_PROGRESS'), as: 'lead' }];
      return plain;
    });
    const walks: Array<Array<{ event: unknown; as: string }>> = [
      journey,
      (['RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME'] as const).map((type) => ({ event: sampleEvent(type), as: type === 'RAISE_CONCERN' ? 'lead' : 'dlp' })),
      // A second parent consents, the first withdraws: processing stops until the coordinator decides.
      [
        { event: sampleEvent('RECORD_REQUEST_DETAILS'), as: 'lead' },
        { event: sampleEvent('REQUEST_CONSENT'), as: 'lead' },
        { event: sampleEvent('RECORD_CONSENT'), as: 'lead' },
        { event: { ...sampleEvent('RECORD_CONSENT'), givenBy: { name: 'Dónal Murphy', hasParentalResponsibility: true } }, as: 'lead' },
        { event: sampleEvent('WITHDRAW_CONSENT'), as: 'lead' },
        { event: sampleEvent('DECIDE_ON_WITHDRAWAL'), as: 'coordinator' },
      ],
    ];
    const tried = new Map<string, string>();
    let lastCase = '';
    const tryAllowed = async (id: string, next: { event: unknown; as: string }) => {
      const batch: Probe[] = [];
      const add = (type: string, who: string, state: string) => {
        if (tried.has(type)) return;
        tried.set(type, state);
        for (const bad of badBodiesFrom(sampleEvent(type as (typeof CASE_EVENT_TYPES)[number]) as unknown as Json, `${type} in ${state} by ${who}`)) {
          batch.push({ kind: bad.kind, method: 'POST', path: `/cases/${id}/events`, token: senders[who], body: bad.body, cleanBytes: 0 });
        }
      };
      let state = '';
      for (const [who, token] of Object.entries(senders)) {
        const res = await fetch(`${base}/cases/${id}`, { headers: { authorization: `Bearer ${token}` } });
        const read = res.status === 200 ? ((await res.json()) as { allowedEvents: string[]; state: string }) : { allowedEvents: [], state: '' };
        state ||= read.state;
        for (const type of read.allowedEvents) add(type, who, read.state);
      }
      add((next.event as { type: string }).type, next.as, state);
      const before = await rowCounts();
      expect(await sendAll(batch)).toEqual([]);
      expect(await rowCounts()).toEqual(before);
    };
    // The third walk's second parent is a member of the family: consent is given by the family's own members.
    const withFather = { familyMembers: [...sampleOpenCase().familyMembers, { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true }] };
    for (const walk of walks) {
      const { id } = await openCase(h, USERS.lead, walk === walks[2] ? withFather : {});
      lastCase = id;
      for (const step of walk) {
        // The events someone may send now (allowedEvents), and the walk's next one, which the state accepts.
        await tryAllowed(id, step);
        const res = await fetch(`${base}/cases/${id}/events`, { method: 'POST', headers: { authorization: `Bearer ${senders[step.as]}`, 'content-type': 'application/json' }, body: JSON.stringify(step.event) });
        expect({ step: (step.event as { type: string }).type, status: res.status }).toEqual({ step: (step.event as { type: string }).type, status: 200 });
      }
    }
    // Every type met a state that accepts it; one a walk missed would still be sent, to a case that does not.
    const never = CASE_EVENT_TYPES.filter((type) => !tried.has(type));
    expect(never).toEqual([]);
    const before = await rowCounts();
    for (const type of never) {
      expect(await sendAll(badBodiesFrom(sampleEvent(type) as unknown as Json, type).map((bad) => ({ kind: bad.kind, method: 'POST', path: `/cases/${lastCase}/events`, token: tokens['lead'], body: bad.body, cleanBytes: 0 })))).toEqual([]);
    }
    expect(await rowCounts()).toEqual(before);
  });
});
