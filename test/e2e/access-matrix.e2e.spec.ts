/**
 * Need to know, with no way around it (issue 12 §1): every route the server answers × every role ×
 * a case they lead / a case of their area they have no part in / another area's case / a closed
 * case / a case of a family they may not join. The routes come from the server's own route table,
 * so a new route fails the first test here until its access is checked below. What each person
 * may see is written out literally (not computed by the policy under test). Pre-request
 * checklists have fixtures of their own (made by whom, linked to whose case).
 */
import { ROLES, type Actor } from '@tacu/domain';
import { PeopleStore } from '@tacu/persistence';
import { caseReferenceOf, demoActor, journeyTo, routeTable, sampleChecklist, sampleEvent } from './support/api';
import { WebSessionStore } from '@tacu/persistence';
import { drive, openCaseBody, OTHER_AREA, OTHER_COORDINATOR, pageSession, send, startHarness, USERS, type Harness, type PageBrowserSession } from './support/harness';

const AREA = 'dublin-south-central';
const AGENCY_2: Actor = { id: 'u-agency-0002', role: 'agencyPractitioner', areaId: AREA, name: 'Garda Seán Óg' };
const GALWAY_LEAD: Actor = { id: 'u-lp-galway', role: 'leadPractitioner', areaId: OTHER_AREA.id, name: 'Méabh Ní Chonaill' };
const PARENT: Actor = { id: 'u-parent-0001', role: 'parentCarer', areaId: AREA, name: 'Siobhán' };
const YOUNG_PERSON: Actor = { id: 'u-young-0001', role: 'youngPerson', areaId: AREA, name: 'Seán' };

/** Everyone the matrix tries, by a short name. */
const ACTORS: Record<string, string | Actor> = {
  coordinator: USERS.coordinator,
  otherCoordinator: OTHER_COORDINATOR,
  lead: USERS.lead,
  otherLead: USERS.otherLead,
  agency: USERS.agency,
  agency2: AGENCY_2,
  dlp: USERS.dlp,
  galwayLead: GALWAY_LEAD,
  manager: USERS.manager,
  parent: PARENT,
  youngPerson: YOUNG_PERSON,
};
const actorOf = (who: string | Actor): Actor => (typeof who === 'string' ? demoActor(who) : who);
type Who = keyof typeof ACTORS;
const ALL = Object.keys(ACTORS) as Who[];
/** Roles with no case routes at all (403 before any case is looked at). */
const NO_CASES: Who[] = ['manager', 'parent', 'youngPerson'];
/** Where each person starts on the pages: a liaison person at the concerns, a role without a case list at the page that says so. */
const HOME: Record<Who, string> = Object.fromEntries(ALL.map((w) => [w, w === 'dlp' ? '/app/concerns' : NO_CASES.includes(w) ? '/app/signed-in' : '/app/cases'])) as Record<Who, string>;
/** Whose lists of decisions these are (issue 15 §6, §7), and the fixtures each lists for whom. */
const DECISION_LISTS = {
  '/app/requests': { readers: ['coordinator', 'otherCoordinator'] as Who[], fixtures: ['request'] as const },
  '/app/concerns': { readers: ['dlp'] as Who[], fixtures: ['escalated'] as const },
};
const OPENERS: Who[] = ['coordinator', 'otherCoordinator', 'lead', 'otherLead', 'galwayLead'];
const PEOPLE_READERS: Who[] = ['coordinator', 'otherCoordinator', 'lead', 'otherLead', 'dlp', 'galwayLead', 'manager'];
const CALENDAR_READERS: Who[] = ['coordinator', 'otherCoordinator', 'lead', 'otherLead', 'agency', 'agency2', 'dlp', 'galwayLead', 'manager'];
const CALENDAR_MANAGERS: Who[] = ['coordinator', 'otherCoordinator', 'manager'];
const AREA_OF: Record<Who, string> = Object.fromEntries(ALL.map((w) => [w, ['otherCoordinator', 'galwayLead'].includes(w) ? OTHER_AREA.id : AREA])) as Record<Who, string>;

/**
 * The cases, and who may see each:
 * - led: led by `lead`, at the meeting, `agency` invited;
 * - sibling: a sibling case in led's family, led by `otherLead` (lead sees the family, not this case);
 * - request: `otherLead`'s own request, submitted (no other lead of the area sees it);
 * - otherArea: a Galway case;
 * - closed: led by `lead`, `agency` was invited, then consent was withdrawn;
 * - escalated: led by `otherLead`, a concern open (the liaison person sees it);
 * - concernHandled: led by `otherLead`, a concern `dlp` handled (consulted, reported, outcome)
 *   and the case back in early intervention (`dlp` keeps reading the concern record only).
 */
const FIXTURES = ['led', 'sibling', 'request', 'otherArea', 'closed', 'escalated', 'concernHandled'] as const;
type Fixture = (typeof FIXTURES)[number];
const SEES: Record<Fixture, Who[]> = {
  led: ['coordinator', 'lead', 'agency'],
  sibling: ['coordinator', 'otherLead'],
  request: ['coordinator', 'otherLead'],
  otherArea: ['otherCoordinator', 'galwayLead'],
  closed: ['coordinator', 'lead'],
  escalated: ['coordinator', 'otherLead', 'dlp'],
  concernHandled: ['coordinator', 'otherLead', 'dlp'],
};
/** Who reads only the record of the concern they handled (no other part of the case record). */
const CONCERN_RECORD_ONLY: Partial<Record<Fixture, Who[]>> = { concernHandled: ['dlp'] };
/** Who reads what a concern says (what was seen or said): those who handle it, on the cases they may see. */
const READS_CONCERNS: Who[] = ['coordinator', 'otherLead', 'dlp'];
/** What the concerns of the fixtures say (no example of the API documents holds it). */
const CONCERN_SAID = `Matrix concern ${Math.floor(Math.random() * 1e9)}: said there was no dinner at home.`;
const concern = () => ({ ...sampleEvent('RAISE_CONCERN'), observed: CONCERN_SAID });
/** Who may see the sensitive details (addresses) of each case: its lead and its area's coordinators. */
const SEES_SENSITIVE: Record<Fixture, Who[]> = {
  led: ['coordinator', 'lead'],
  sibling: ['coordinator', 'otherLead'],
  request: ['coordinator', 'otherLead'],
  otherArea: ['otherCoordinator', 'galwayLead'],
  closed: ['coordinator', 'lead'],
  escalated: ['coordinator', 'otherLead'],
  concernHandled: ['coordinator', 'otherLead'],
};
/**
 * Who may change each fixture's family details (the child's, a member's): whoever reads them all,
 * its lead and its area's coordinators; through a closed case nobody may (409).
 */
const CHANGES_FAMILY: Record<Fixture, Who[]> = SEES_SENSITIVE;
/** Who may link a new case to each fixture's family: the lead of a case of it, and its area's coordinators. */
const MAY_JOIN: Record<Fixture, Who[]> = {
  led: ['coordinator', 'lead', 'otherLead'],
  sibling: ['coordinator', 'lead', 'otherLead'],
  request: ['coordinator', 'otherLead'],
  otherArea: ['otherCoordinator', 'galwayLead'],
  closed: ['coordinator', 'lead'],
  escalated: ['coordinator', 'otherLead'],
  concernHandled: ['coordinator', 'otherLead'],
};

interface Opened {
  id: string;
  familyId: string;
  /** The family member opened with the case (for the sibling: the family's, shared). */
  memberId: string;
  child: string;
  address: string;
  /** The child's ethnicity: special-category data, seen only with the sensitive details. */
  ethnicity: string;
}

/**
 * The pre-request checklists, and who may see each (its maker, its area's coordinators, the lead of
 * the case it led to):
 * - mine: `lead`'s, a request for support not linked yet;
 * - othersNoMeitheal: `otherLead`'s, no Meitheal needed;
 * - linkedToLead: the coordinator's, linked to a case `lead` leads;
 * - galway: the Galway lead's.
 */
const CHECKLISTS = ['mine', 'othersNoMeitheal', 'linkedToLead', 'galway'] as const;
type ChecklistFixture = (typeof CHECKLISTS)[number];
const SEES_CHECKLIST: Record<ChecklistFixture, Who[]> = {
  mine: ['coordinator', 'lead'],
  othersNoMeitheal: ['coordinator', 'otherLead'],
  linkedToLead: ['coordinator', 'lead'],
  galway: ['otherCoordinator', 'galwayLead'],
};
const CHECKLIST_READERS: Who[] = ['coordinator', 'otherCoordinator', 'lead', 'otherLead', 'galwayLead'];
const CHECKLIST_MAKERS: Who[] = CHECKLIST_READERS;
const FIGURE_READERS: Who[] = ['coordinator', 'otherCoordinator', 'manager'];

describe('need to know: the access matrix', () => {
  let h: Harness;
  const cases = {} as Record<Fixture, Opened>;
  const checklists = {} as Record<ChecklistFixture, { id: string; child: string }>;
  const responses: Array<{ who: Who; route: string; status: number; text: string }> = [];

  async function call(who: Who, method: 'GET' | 'POST' | 'PATCH', path: string, body?: object) {
    const request = method === 'GET' ? h.http.get(path) : method === 'PATCH' ? h.http.patch(path).send(body ?? {}) : h.http.post(path).send(body ?? {});
    const res = await request.auth(await h.token(ACTORS[who]), { type: 'bearer' });
    responses.push({ who, route: `${method} ${path}`, status: res.status, text: res.text });
    expect({ who, route: `${method} ${path}`, serverError: res.status >= 500 }).toEqual({ who, route: `${method} ${path}`, serverError: false });
    return res;
  }

  /**
   * A page request as `who`, signed in to the pages (a session of theirs) or, with `signedIn: false`,
   * with their bearer token only (the pages take none). Forms carry the session's token unless
   * `withToken` is false. Every answer joins `responses`, for the leak check.
   */
  const sessions = new Map<Who, PageBrowserSession>();
  async function pageCall(who: Who, method: 'GET' | 'POST', path: string, { form, signedIn = true, withToken = true }: { form?: Record<string, string>; signedIn?: boolean; withToken?: boolean } = {}) {
    let session = sessions.get(who);
    if (signedIn && !session) {
      session = await pageSession(h, ACTORS[who] as string | Actor);
      sessions.set(who, session);
    }
    const request = method === 'GET' ? h.http.get(path) : h.http.post(path).type('form').send({ ...(form ?? {}), ...(withToken && session ? { _csrf: session.csrf } : {}) });
    const res = signedIn && session ? await request.set('cookie', session.cookie) : await request.auth(await h.token(ACTORS[who]), { type: 'bearer' });
    // A PDF has no text to search here (its words are the HTML's, checked on the document's own route).
    responses.push({ who, route: `${method} ${path}`, status: res.status, text: res.text ?? '' });
    expect({ who, route: `${method} ${path}`, serverError: res.status >= 500 }).toEqual({ who, route: `${method} ${path}`, serverError: false });
    return res;
  }

  async function open(as: string | Actor, name: string, overrides: Record<string, unknown>): Promise<Opened> {
    const address = `${name} House, ${Math.floor(Math.random() * 1e9)} Secret Road`;
    const ethnicity = `Ethnicity of ${name} ${Math.floor(Math.random() * 1e9)}`;
    const body = openCaseBody({
      child: { name, dateOfBirth: '2016-05-05', sensitive: { ethnicity } },
      // The journeys' consents, sign-offs and withdrawals are the sample mother's: each family's parent is a member of that name.
      familyMembers: [{ name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true, sensitive: { address } }],
      ...overrides,
    });
    const res = await h.http.post('/cases').auth(await h.token(as), { type: 'bearer' }).send(body);
    if (res.status !== 201) throw new Error(`opening ${name}: ${res.status} ${res.text}`);
    const member = (res.body.familyMembers as { id: string; relationship: string }[]).find((m) => m.relationship !== 'child');
    if (!member) throw new Error(`opening ${name}: no family member in the answer`);
    return { id: res.body.id, familyId: res.body.familyId, memberId: member.id, child: name, address, ethnicity };
  }

  async function makeChecklist(as: string | Actor, child: string, overrides: Record<string, unknown> = {}): Promise<{ id: string; child: string }> {
    const res = await h.http.post('/pre-request-checklists').auth(await h.token(as), { type: 'bearer' }).send(sampleChecklist({ childName: child, ...overrides }));
    if (res.status !== 201) throw new Error(`making a checklist for ${child}: ${res.status} ${res.text}`);
    return { id: res.body.id, child };
  }

  beforeAll(async () => {
    h = await startHarness();
    await h.dataSource.transaction(async (manager) => {
      const people = new PeopleStore(manager);
      await people.upsertUser({ id: AGENCY_2.id, areaId: AREA, role: AGENCY_2.role, displayName: 'Seán Óg', agency: 'Garda Youth Diversion' });
      await people.upsertUser({ id: GALWAY_LEAD.id, areaId: OTHER_AREA.id, role: GALWAY_LEAD.role, displayName: 'Méabh', agency: 'Galway FRC' });
      await people.upsertUser({ id: PARENT.id, areaId: AREA, role: PARENT.role, displayName: 'Siobhán', agency: null });
      await people.upsertUser({ id: YOUNG_PERSON.id, areaId: AREA, role: YOUNG_PERSON.role, displayName: 'Seán', agency: null });
    });
    cases.led = await open(USERS.lead, 'Róisín Led', {});
    await drive(h, cases.led.id, journeyTo('meeting.invited', USERS.lead));
    cases.sibling = await open(USERS.coordinator, 'Sibling Hidden', { familyId: cases.led.familyId, familyMembers: [], leadPractitionerId: USERS.otherLead });
    cases.sibling.address = cases.led.address;
    cases.sibling.memberId = cases.led.memberId;
    cases.request = await open(USERS.otherLead, 'Request Only', { leadPractitionerId: USERS.otherLead });
    await drive(h, cases.request.id, journeyTo('request.submitted', USERS.otherLead), USERS.otherLead);
    cases.otherArea = await open(GALWAY_LEAD, 'Galway Child', { areaId: OTHER_AREA.id, leadPractitionerId: GALWAY_LEAD.id });
    cases.closed = await open(USERS.lead, 'Closed Child', {});
    await drive(h, cases.closed.id, journeyTo('meeting.invited', USERS.lead));
    expect((await send(h, cases.closed.id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.status).toBe('closed');
    cases.escalated = await open(USERS.otherLead, 'Escalated Child', { leadPractitionerId: USERS.otherLead });
    await drive(h, cases.escalated.id, journeyTo('assessment.inProgress', USERS.otherLead), USERS.otherLead);
    expect((await send(h, cases.escalated.id, concern(), USERS.otherLead)).body.state).toBe('escalation.raised');
    cases.concernHandled = await open(USERS.otherLead, 'Concern Handled', { leadPractitionerId: USERS.otherLead });
    await drive(h, cases.concernHandled.id, journeyTo('assessment.inProgress', USERS.otherLead), USERS.otherLead);
    expect((await send(h, cases.concernHandled.id, concern(), USERS.otherLead)).status).toBe(200);
    for (const [type, as] of [['CONSULT_LIAISON', USERS.otherLead], ['SUBMIT_REPORT', USERS.dlp], ['ACKNOWLEDGE_REPORT', USERS.dlp], ['RECORD_CONCERN_OUTCOME', USERS.dlp]] as const) {
      expect((await send(h, cases.concernHandled.id, sampleEvent(type), as)).status).toBe(200);
    }

    checklists.mine = await makeChecklist(USERS.lead, 'Checklist Mine');
    checklists.othersNoMeitheal = await makeChecklist(USERS.otherLead, 'Checklist Others', { outcome: 'noMeithealNeeded', actionTaken: 'Referred to the homework club.' });
    checklists.linkedToLead = await makeChecklist(USERS.coordinator, 'Checklist Linked');
    // A case opened from a checklist is for the checklist's child (its lead and the coordinators see both).
    await open(USERS.coordinator, 'Checklist Linked', { leadPractitionerId: USERS.lead, preRequestChecklistId: checklists.linkedToLead.id });
    checklists.galway = await makeChecklist(GALWAY_LEAD, 'Checklist Galway', { areaId: OTHER_AREA.id });
  });
  afterAll(() => h?.close());

  const sees = (who: Who, fixture: Fixture) => SEES[fixture].includes(who);
  const seesChecklist = (who: Who, fixture: ChecklistFixture) => SEES_CHECKLIST[fixture].includes(who);
  const checklistCount = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM pre_request_checklists`))[0].n as number;
  const caseCount = async () => (await h.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n as number;

  /** What a change of family details through `fixture` answers `who`: 403 before any case, 404 unseen, 403 read-only, 409 closed, 200. */
  const detailsStatus = (who: Who, fixture: Fixture): number => {
    if (NO_CASES.includes(who)) return 403;
    if (!sees(who, fixture)) return 404;
    if (!CHANGES_FAMILY[fixture].includes(who)) return 403;
    return fixture === 'closed' ? 409 : 200;
  };

  /** Sends one change of family details as each person through each case; checks the answer, and that only an accepted one wrote. */
  async function checkDetailsChange(who: Who, path: (fixture: Fixture) => string, body: (fixture: Fixture) => object, shows: (answer: { familyMembers: Array<Record<string, unknown>> }, fixture: Fixture) => boolean) {
    for (const fixture of FIXTURES) {
      const before = await versions();
      const res = await call(who, 'PATCH', path(fixture), body(fixture));
      const expected = detailsStatus(who, fixture);
      expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
      const after = await versions();
      expect({ who, fixture, version: after[cases[fixture].id] }).toEqual({ who, fixture, version: (before[cases[fixture].id] ?? 0) + (expected === 200 ? 1 : 0) });
      if (expected === 200) expect({ who, fixture, shows: shows(res.body, fixture) }).toEqual({ who, fixture, shows: true });
    }
  }
  /** The documents stored for a fixture's case, oldest first (as the list orders them). */
  const documentsOf = async (fixture: Fixture): Promise<{ id: string; kind: string }[]> =>
    h.dataSource.query(`SELECT id, kind FROM documents WHERE case_id = $1 ORDER BY produced_at, case_version, kind, audience, locale`, [cases[fixture].id]);
  /** Whether someone who sees the fixture's case reads its documents of `kind`: the report of a concern only if they handle concerns; a liaison person whose concern is over, only that. */
  const readsDocument = (who: Who, fixture: Fixture, kind: string): boolean => {
    if (CONCERN_RECORD_ONLY[fixture]?.includes(who)) return kind === 'childProtectionReport';
    return kind !== 'childProtectionReport' || READS_CONCERNS.includes(who);
  };
  const versions = async () =>
    Object.fromEntries((await h.dataSource.query(`SELECT id, version FROM cases ORDER BY id`)).map((r: { id: string; version: number }) => [r.id, r.version]));

  /** How each route is checked, for every person. A route missing here fails the first test. */
  const CHECKS: Record<string, (who: Who) => Promise<void>> = {
    'GET /cases': async (who) => {
      const res = await call(who, 'GET', '/cases?limit=100');
      if (NO_CASES.includes(who)) return void expect(res.status).toBe(403);
      const listed = new Set(res.body.items.map((c: { id: string }) => c.id));
      expect({ who, listed: FIXTURES.filter((f) => listed.has(cases[f].id)) }).toEqual({ who, listed: FIXTURES.filter((f) => sees(who, f)) });
      for (const filter of ['stage=request', 'status=closed', `familyId=${cases.led.familyId}`, 'sort=dueAt', 'overdue=false']) {
        const filtered = await call(who, 'GET', `/cases?limit=100&${filter}`);
        for (const item of filtered.body.items as { id: string }[]) {
          const fixture = FIXTURES.find((f) => cases[f].id === item.id);
          if (fixture) expect({ who, filter, fixture, sees: sees(who, fixture) }).toEqual({ who, filter, fixture, sees: true });
        }
      }
    },
    'GET /cases/:id': async (who) => {
      for (const fixture of FIXTURES) {
        const res = await call(who, 'GET', `/cases/${cases[fixture].id}`);
        const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) ? 200 : 404;
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
        if (res.status !== 200) continue;
        const sensitive = (res.body.familyMembers as { sensitive?: unknown }[]).some((m) => m.sensitive !== undefined);
        expect({ who, fixture, sensitive }).toEqual({ who, fixture, sensitive: SEES_SENSITIVE[fixture].includes(who) });
        const concernRecordOnly = Object.keys(res.body.record).join() === 'concerns';
        expect({ who, fixture, concernRecordOnly }).toEqual({ who, fixture, concernRecordOnly: CONCERN_RECORD_ONLY[fixture]?.includes(who) ?? false });
        const siblings = (res.body.siblingCases as { id: string }[]).map((s) => s.id);
        for (const other of FIXTURES) if (siblings.includes(cases[other].id)) expect({ who, other, sees: sees(who, other) }).toEqual({ who, other, sees: true });
      }
      const unknown = await call(who, 'GET', '/cases/3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f');
      expect(unknown.status).toBe(NO_CASES.includes(who) ? 403 : 404);
    },
    'GET /cases/:id/history': async (who) => {
      for (const fixture of FIXTURES) {
        const res = await call(who, 'GET', `/cases/${cases[fixture].id}/history`);
        const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) ? 200 : 404;
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
      }
    },
    'GET /cases/:id/documents': async (who) => {
      for (const fixture of FIXTURES) {
        const res = await call(who, 'GET', `/cases/${cases[fixture].id}/documents`);
        const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) ? 200 : 404;
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
        if (res.status !== 200) continue;
        const listed = (res.body.items as { kind: string }[]).map((d) => d.kind);
        const stored = await documentsOf(fixture);
        expect({ who, fixture, listed }).toEqual({ who, fixture, listed: stored.filter((d) => readsDocument(who, fixture, d.kind)).map((d) => d.kind) });
      }
    },
    'GET /documents/:id': async (who) => {
      // The matrix holds a concern's report to refuse: the handled concern was reported.
      expect((await documentsOf('concernHandled')).map((d) => d.kind)).toContain('childProtectionReport');
      for (const fixture of FIXTURES) {
        for (const document of await documentsOf(fixture)) {
          const res = await call(who, 'GET', `/documents/${document.id}`);
          const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) && readsDocument(who, fixture, document.kind) ? 200 : 404;
          expect({ who, fixture, kind: document.kind, status: res.status }).toEqual({ who, fixture, kind: document.kind, status: expected });
        }
      }
      const unknown = await call(who, 'GET', '/documents/3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f');
      expect(unknown.status).toBe(NO_CASES.includes(who) ? 403 : 404);
    },
    'POST /cases/:id/events': async (who) => {
      const before = await versions();
      for (const fixture of FIXTURES) {
        // An event none of these cases accepts now: whoever may see the case is told why (not 404).
        const res = await call(who, 'POST', `/cases/${cases[fixture].id}/events`, { type: 'CLOSE_CASE' });
        if (NO_CASES.includes(who)) expect(res.status).toBe(403);
        else expect({ who, fixture, notFound: res.status === 404 }).toEqual({ who, fixture, notFound: !sees(who, fixture) });
        // Withdrawing consent, which closes a case, is never open to someone who may not see it.
        if (!sees(who, fixture)) {
          const withdraw = await call(who, 'POST', `/cases/${cases[fixture].id}/events`, sampleEvent('WITHDRAW_CONSENT'));
          expect({ who, fixture, status: withdraw.status }).toEqual({ who, fixture, status: NO_CASES.includes(who) ? 403 : 404 });
        }
      }
      expect(await versions()).toEqual(before);
    },
    'POST /cases': async (who) => {
      for (const fixture of FIXTURES) {
        const areaId = AREA_OF[who];
        const res = await call(who, 'POST', '/cases', openCaseBody({ areaId, leadPractitionerId: undefined, familyId: cases[fixture].familyId, familyMembers: [] }));
        if (!OPENERS.includes(who)) {
          expect(res.status).toBe(403);
          continue;
        }
        const mayJoin = MAY_JOIN[fixture].includes(who);
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: mayJoin ? 201 : 400 });
        if (!mayJoin) expect(res.body.errors).toEqual([{ field: 'familyId', problems: [`familyId does not name a family of area ${areaId} with a case you lead (or, for a coordinator, of your area)`] }]);
        const reopen = openCaseBody({ areaId, leadPractitionerId: undefined, previousEpisodeId: cases[fixture].id, familyMembers: [] });
        delete reopen.child;
        const again = await call(who, 'POST', '/cases', reopen);
        const cannotSee = `previousEpisodeId does not name a case of area ${areaId} that you can see`;
        const problems = (again.body.errors ?? []).flatMap((e: { problems: string[] }) => e.problems);
        expect({ who, fixture, toldItCannotSee: problems.includes(cannotSee) }).toEqual({ who, fixture, toldItCannotSee: !sees(who, fixture) });
      }
    },
    'PATCH /cases/:id/child': async (who) => {
      await checkDetailsChange(
        who,
        (fixture) => `/cases/${cases[fixture].id}/child`,
        () => ({ school: `School seen by ${who}` }),
        (answer) => answer.familyMembers.some((m) => m['school'] === `School seen by ${who}`),
      );
      const unknown = await call(who, 'PATCH', '/cases/3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f/child', { school: 'Anywhere' });
      expect({ who, status: unknown.status }).toEqual({ who, status: NO_CASES.includes(who) ? 403 : 404 });
    },
    'PATCH /cases/:id/family-members/:memberId': async (who) => {
      await checkDetailsChange(
        who,
        (fixture) => `/cases/${cases[fixture].id}/family-members/${cases[fixture].memberId}`,
        // Through each case its own value: the sibling shares the led case's family, and a change to what is recorded already writes nothing.
        (fixture) => ({ firstLanguage: `Language seen by ${who} through ${fixture}` }),
        (answer, fixture) => answer.familyMembers.some((m) => m['id'] === cases[fixture].memberId && m['firstLanguage'] === `Language seen by ${who} through ${fixture}`),
      );
      // A member of another family is nobody of this case's: 404 for whoever may change this one.
      const before = await versions();
      const stranger = await call(who, 'PATCH', `/cases/${cases.led.id}/family-members/${cases.request.memberId}`, { firstLanguage: 'Irish' });
      const expected = detailsStatus(who, 'led');
      expect({ who, status: stranger.status }).toEqual({ who, status: expected === 200 ? 404 : expected });
      expect(await versions()).toEqual(before);
    },
    'POST /pre-request-checklists': async (who) => {
      const [checklistsBefore, casesBefore] = [await checklistCount(), await caseCount()];
      const own = await call(who, 'POST', '/pre-request-checklists', sampleChecklist({ areaId: AREA_OF[who], childName: `Made by ${who}` }));
      expect({ who, status: own.status }).toEqual({ who, status: CHECKLIST_MAKERS.includes(who) ? 201 : 403 });
      const otherArea = AREA_OF[who] === AREA ? OTHER_AREA.id : AREA;
      const elsewhere = await call(who, 'POST', '/pre-request-checklists', sampleChecklist({ areaId: otherArea, childName: `Made elsewhere by ${who}` }));
      expect({ who, status: elsewhere.status }).toEqual({ who, status: 403 });
      expect({ who, checklists: await checklistCount(), cases: await caseCount() }).toEqual({ who, checklists: checklistsBefore + (CHECKLIST_MAKERS.includes(who) ? 1 : 0), cases: casesBefore });
    },
    'GET /pre-request-checklists': async (who) => {
      const res = await call(who, 'GET', '/pre-request-checklists?limit=100');
      if (!CHECKLIST_READERS.includes(who)) return void expect(res.status).toBe(403);
      const listed = new Set(res.body.items.map((c: { id: string }) => c.id));
      expect({ who, listed: CHECKLISTS.filter((f) => listed.has(checklists[f].id)) }).toEqual({ who, listed: CHECKLISTS.filter((f) => seesChecklist(who, f)) });
      const filtered = await call(who, 'GET', '/pre-request-checklists?limit=100&outcome=noMeithealNeeded');
      expect(filtered.body.items.every((c: { outcome: string }) => c.outcome === 'noMeithealNeeded')).toBe(true);
    },
    'GET /pre-request-checklists/figures': async (who) => {
      const res = await call(who, 'GET', '/pre-request-checklists/figures');
      if (!FIGURE_READERS.includes(who)) return void expect(res.status).toBe(403);
      const [counts] = await h.dataSource.query(
        `SELECT count(*) FILTER (WHERE outcome = 'noMeithealNeeded')::int AS n, count(*)::int AS total FROM pre_request_checklists WHERE area_id = $1`,
        [AREA_OF[who]],
      );
      expect({ who, areaId: res.body.areaId, noMeithealNeeded: res.body.noMeithealNeeded, total: res.body.total }).toEqual({ who, areaId: AREA_OF[who], noMeithealNeeded: counts.n, total: counts.total });
    },
    'GET /pre-request-checklists/:id': async (who) => {
      for (const fixture of CHECKLISTS) {
        const res = await call(who, 'GET', `/pre-request-checklists/${checklists[fixture].id}`);
        const expected = !CHECKLIST_READERS.includes(who) ? 403 : seesChecklist(who, fixture) ? 200 : 404;
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
      }
      const unknown = await call(who, 'GET', '/pre-request-checklists/3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f');
      expect(unknown.status).toBe(CHECKLIST_READERS.includes(who) ? 404 : 403);
    },
    'GET /areas': async (who) => {
      const res = await call(who, 'GET', '/areas');
      if (!PEOPLE_READERS.includes(who)) return void expect(res.status).toBe(403);
      expect(res.body.items.map((a: { id: string }) => a.id)).toEqual([AREA_OF[who]]);
    },
    'GET /users': async (who) => {
      const res = await call(who, 'GET', '/users');
      if (!PEOPLE_READERS.includes(who)) return void expect(res.status).toBe(403);
      const ids: string[] = res.body.items.map((u: { id: string }) => u.id);
      const ofArea = (await h.dataSource.query(`SELECT id FROM users WHERE area_id = $1 AND active`, [AREA_OF[who]])).map((r: { id: string }) => r.id);
      expect(ids.sort()).toEqual(ofArea.sort());
      const leads = await call(who, 'GET', '/users?role=leadPractitioner');
      expect(leads.body.items.every((u: { role: string }) => u.role === 'leadPractitioner')).toBe(true);
    },
    'GET /organisation/calendar': async (who) => {
      const res = await call(who, 'GET', '/organisation/calendar?year=2026');
      expect(res.status).toBe(CALENDAR_READERS.includes(who) ? 200 : 403);
    },
    'GET /organisation/outcome-framework': async (who) => {
      // Configuration, no case data: whoever reads the practice model (the machines) reads it.
      const res = await call(who, 'GET', '/organisation/outcome-framework');
      expect({ who, status: res.status }).toEqual({ who, status: ['parent', 'youngPerson'].includes(who) ? 403 : 200 });
      if (res.status === 200) expect(res.body.framework.id).toBe('ireland-national-outcomes');
    },
    'POST /organisation/closure-days': async (who) => {
      // A day nobody counts a deadline on: what is checked is who may add one, not the recount.
      const res = await call(who, 'POST', '/organisation/closure-days', { date: '2027-01-06', name: 'Matrix closure' });
      expect({ who, status: res.status }).toEqual({ who, status: CALENDAR_MANAGERS.includes(who) ? (who === 'coordinator' ? 201 : 409) : 403 });
    },
    'GET /workflows': async (who) => {
      const res = await call(who, 'GET', '/workflows');
      expect(res.status).toBe(['parent', 'youngPerson'].includes(who) ? 403 : 200);
    },
    'GET /workflows/:id/diagram': async (who) => {
      const res = await call(who, 'GET', '/workflows/case/diagram');
      expect(res.status).toBe(['parent', 'youngPerson'].includes(who) ? 403 : 200);
    },
    // The pages (issue 15): the same need to know as the API, through a session; a bearer token opens none of them.
    'GET /app': async (who) => {
      expect((await pageCall(who, 'GET', '/app')).headers.location).toBe(HOME[who]);
      expect((await pageCall(who, 'GET', '/app', { signedIn: false })).headers.location).toBe('/app/sign-in');
    },
    'GET /app/sign-in': async (who) => {
      expect((await pageCall(who, 'GET', '/app/sign-in')).headers.location).toBe(HOME[who]);
      expect((await pageCall(who, 'GET', '/app/sign-in', { signedIn: false })).status).toBe(200);
    },
    'POST /app/sign-in/demo': async (who) => {
      // The demo's "sign in as" (this embedded, loopback app offers it): never without the form's token.
      expect((await pageCall(who, 'POST', '/app/sign-in/demo', { form: { userId: USERS.coordinator }, signedIn: false })).status).toBe(403);
      const res = await pageCall(who, 'POST', '/app/sign-in/demo', { form: { userId: 'u-nobody' } });
      expect({ who, status: res.status }).toEqual({ who, status: 400 });
    },
    'GET /app/sign-in/oidc': async (who) => void expect((await pageCall(who, 'GET', '/app/sign-in/oidc', { signedIn: false })).status).toBe(404),
    'GET /app/sign-in/callback': async (who) => void expect((await pageCall(who, 'GET', '/app/sign-in/callback?code=x&state=y', { signedIn: false })).status).toBe(404),
    'GET /app/signed-in': async (who) => {
      // Where a role without a case list starts; everyone else is sent on to where they start.
      const res = await pageCall(who, 'GET', '/app/signed-in');
      expect({ who, status: res.status, location: res.headers.location }).toEqual(NO_CASES.includes(who) ? { who, status: 200, location: undefined } : { who, status: 303, location: HOME[who] });
      expect((await pageCall(who, 'GET', '/app/signed-in', { signedIn: false })).headers.location).toBe('/app/sign-in');
    },
    // The lists of decisions: their readers see the cases they may see in the state the list is about, nobody else has the list.
    ...Object.fromEntries(
      Object.entries(DECISION_LISTS).map(([path, list]) => [
        `GET ${path}`,
        async (who: Who) => {
          expect((await pageCall(who, 'GET', path, { signedIn: false })).headers.location).toBe('/app/sign-in');
          const res = await pageCall(who, 'GET', path);
          expect({ who, path, status: res.status }).toEqual({ who, path, status: list.readers.includes(who) ? 200 : 403 });
          if (res.status !== 200) return;
          const listed = FIXTURES.filter((f) => res.text.includes(`/app/cases/${cases[f].id}`));
          expect({ who, path, listed }).toEqual({ who, path, listed: list.fixtures.filter((f) => sees(who, f)) });
        },
      ]),
    ),
    // Starting a request for support: those who may open a case (POST /cases) see the form; a form sent with mistakes writes nothing.
    'GET /app/cases/new': async (who) => {
      expect((await pageCall(who, 'GET', '/app/cases/new', { signedIn: false })).headers.location).toBe('/app/sign-in');
      const res = await pageCall(who, 'GET', '/app/cases/new');
      expect({ who, status: res.status }).toEqual({ who, status: OPENERS.includes(who) ? 200 : 403 });
    },
    'POST /app/cases/new': async (who) => {
      const before = await caseCount();
      expect((await pageCall(who, 'POST', '/app/cases/new', { form: { _key: `matrix-${who}` }, withToken: false })).status).toBe(403);
      const res = await pageCall(who, 'POST', '/app/cases/new', { form: { _key: `matrix-${who}` } });
      expect({ who, status: res.status }).toEqual({ who, status: OPENERS.includes(who) ? 400 : 403 });
      expect(await caseCount()).toBe(before);
    },
    'GET /app/signed-out': async (who) => void expect((await pageCall(who, 'GET', '/app/signed-out', { signedIn: false })).status).toBe(200),
    'GET /app/cases': async (who) => {
      expect((await pageCall(who, 'GET', '/app/cases', { signedIn: false })).headers.location).toBe('/app/sign-in');
      await pageCall(who, 'GET', '/app');
      const session = sessions.get(who);
      const row = (await h.dataSource.query(`SELECT id_hash FROM web_sessions WHERE csrf_token = $1`, [session?.csrf]))[0] as { id_hash: string };
      for (const fixture of FIXTURES) {
        // Each case found by its reference, among all the person may see (open and closed).
        await new WebSessionStore(h.dataSource.manager).setSearch(row.id_hash, caseReferenceOf(cases[fixture].id));
        const res = await pageCall(who, 'GET', '/app/cases?show=all');
        if (NO_CASES.includes(who)) {
          expect({ who, status: res.status }).toEqual({ who, status: 403 });
          continue;
        }
        expect({ who, fixture, status: res.status, listed: res.text.includes(cases[fixture].child) }).toEqual({ who, fixture, status: 200, listed: sees(who, fixture) });
      }
      await new WebSessionStore(h.dataSource.manager).setSearch(row.id_hash, null);
    },
    'POST /app/cases/search': async (who) => {
      expect((await pageCall(who, 'POST', '/app/cases/search', { form: { search: 'Led' }, withToken: false })).status).toBe(403);
      expect((await pageCall(who, 'POST', '/app/cases/search', { form: { search: 'Led' } })).headers.location).toBe('/app/cases');
      const found = await pageCall(who, 'GET', '/app/cases?show=all');
      if (NO_CASES.includes(who)) return void expect(found.status).toBe(403);
      expect({ who, listed: found.text.includes(cases.led.child) }).toEqual({ who, listed: sees(who, 'led') });
      await pageCall(who, 'POST', '/app/cases/search', { form: { clear: '1' } });
    },
    'GET /app/cases/:id': async (who) => {
      expect((await pageCall(who, 'GET', `/app/cases/${cases.led.id}`, { signedIn: false })).headers.location).toBe('/app/sign-in');
      for (const fixture of FIXTURES) {
        const res = await pageCall(who, 'GET', `/app/cases/${cases[fixture].id}`);
        const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) ? 200 : 404;
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
        if (res.status !== 200) continue;
        expect({ who, fixture, child: res.text.includes(cases[fixture].child) }).toEqual({ who, fixture, child: true });
        expect({ who, fixture, address: res.text.includes(cases[fixture].address) }).toEqual({ who, fixture, address: SEES_SENSITIVE[fixture].includes(who) });
        expect({ who, fixture, ethnicity: res.text.includes(cases[fixture].ethnicity) }).toEqual({ who, fixture, ethnicity: SEES_SENSITIVE[fixture].includes(who) });
      }
      // A case that does not exist, or an id that is no case's, answers as one the person may not see.
      for (const id of ['3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f', 'not-a-case']) {
        expect({ who, id, status: (await pageCall(who, 'GET', `/app/cases/${id}`)).status }).toEqual({ who, id, status: NO_CASES.includes(who) ? 403 : 404 });
      }
    },
    'GET /app/cases/:id/next/:eventType': async (who) => {
      expect((await pageCall(who, 'GET', `/app/cases/${cases.led.id}/next/RAISE_CONCERN`, { signedIn: false })).headers.location).toBe('/app/sign-in');
      for (const fixture of FIXTURES) {
        const res = await pageCall(who, 'GET', `/app/cases/${cases[fixture].id}/next/RAISE_CONCERN`);
        if (NO_CASES.includes(who) || !sees(who, fixture)) {
          expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: NO_CASES.includes(who) ? 403 : 404 });
          continue;
        }
        // The form opens when the API offers this person the event now; otherwise a page says it cannot be done now.
        const offered = ((await call(who, 'GET', `/cases/${cases[fixture].id}`)).body.allowedEvents as string[]).includes('RAISE_CONCERN');
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: offered ? 200 : 409 });
      }
      expect((await pageCall(who, 'GET', `/app/cases/${cases.led.id}/next/NOT_AN_EVENT`)).status).toBe(NO_CASES.includes(who) ? 403 : 404);
    },
    'POST /app/cases/:id/next/:eventType': async (who) => {
      // Nothing is recorded: the form sent is incomplete, so a person who may send it is shown the form's errors (400).
      const form = { _key: `matrix-${who}`, _version: '1', 'immediateSafety.childSafeNow': 'yes' };
      expect((await pageCall(who, 'POST', `/app/cases/${cases.led.id}/next/RAISE_CONCERN`, { form, withToken: false })).status).toBe(403);
      for (const fixture of FIXTURES) {
        const res = await pageCall(who, 'POST', `/app/cases/${cases[fixture].id}/next/RAISE_CONCERN`, { form });
        const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) ? 400 : 404;
        expect({ who, fixture, status: res.status }).toEqual({ who, fixture, status: expected });
      }
    },
    'GET /app/documents/:id': async (who) => {
      for (const fixture of FIXTURES) {
        for (const document of await documentsOf(fixture)) {
          const res = await pageCall(who, 'GET', `/app/documents/${document.id}`);
          const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) && readsDocument(who, fixture, document.kind) ? 200 : 404;
          expect({ who, fixture, kind: document.kind, status: res.status }).toEqual({ who, fixture, kind: document.kind, status: expected });
          if (expected === 200) expect(res.headers['content-security-policy']).toMatch(/^default-src 'none'/);
        }
      }
      expect((await pageCall(who, 'GET', '/app/documents/3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f')).status).toBe(NO_CASES.includes(who) ? 403 : 404);
      const any = (await documentsOf('led'))[0];
      expect((await pageCall(who, 'GET', `/app/documents/${any?.id}`, { signedIn: false })).headers.location).toBe('/app/sign-in');
    },
    'GET /app/documents/:id/pdf': async (who) => {
      // Every document refused as on the page; one the person may read is printed (one each: printing is slow).
      let printed = false;
      for (const fixture of FIXTURES) {
        for (const document of await documentsOf(fixture)) {
          const expected = NO_CASES.includes(who) ? 403 : sees(who, fixture) && readsDocument(who, fixture, document.kind) ? 200 : 404;
          if (expected === 200 && printed) continue;
          const res = await pageCall(who, 'GET', `/app/documents/${document.id}/pdf`);
          expect({ who, fixture, kind: document.kind, status: res.status }).toEqual({ who, fixture, kind: document.kind, status: expected });
          if (expected === 200) {
            expect(res.headers['content-type']).toBe('application/pdf');
            printed = true;
          }
        }
      }
      expect({ who, printed }).toEqual({ who, printed: !NO_CASES.includes(who) && FIXTURES.some((f) => sees(who, f)) });
    },
    'POST /app/language': async (who) => {
      expect((await pageCall(who, 'POST', '/app/language', { form: { language: 'ga' }, withToken: false })).status).toBe(403);
      expect((await pageCall(who, 'POST', '/app/language', { form: { language: 'ga', back: '/app/cases' } })).status).toBe(303);
    },
    'POST /app/sign-out': async (who) => {
      expect((await pageCall(who, 'POST', '/app/sign-out', { withToken: false })).status).toBe(403);
      expect((await pageCall(who, 'POST', '/app/sign-out')).headers.location).toBe('/app/signed-out');
      // The session is gone: the same cookie opens no page.
      expect((await pageCall(who, 'GET', '/app/cases')).headers.location).toMatch(/^\/app\/sign-in/);
      sessions.delete(who);
    },
    'GET /app/assets/:name': async (who) => {
      const page = await pageCall(who, 'GET', '/app/signed-out', { signedIn: false });
      const css = /href="(\/app\/assets\/[^"]+\.css)"/.exec(page.text)?.[1] ?? '/app/assets/none.css';
      expect((await pageCall(who, 'GET', css, { signedIn: false })).status).toBe(200);
      expect((await pageCall(who, 'GET', '/app/assets/secrets.txt', { signedIn: false })).status).toBe(404);
    },
    'GET /health': async (who) => void expect((await call(who, 'GET', '/health')).status).toBe(200),
    'GET /health/live': async (who) => void expect((await call(who, 'GET', '/health/live')).status).toBe(200),
    'GET /docs': async (who) => void expect((await call(who, 'GET', '/docs')).status).toBe(200),
    'GET /docs/': async (who) => void expect((await call(who, 'GET', '/docs/')).status).toBe(200),
    'GET /docs/index.html': async (who) => void expect((await call(who, 'GET', '/docs/index.html')).status).toBe(200),
    'GET /docs/swagger-ui-init.js': async (who) => void expect((await call(who, 'GET', '/docs/swagger-ui-init.js')).status).toBe(200),
    'GET /docs/docs/swagger-ui-init.js': async (who) => void expect((await call(who, 'GET', '/docs/docs/swagger-ui-init.js')).status).toBe(200),
    // Registered by the OpenAPI UI, whose package ships no LICENSE file: public, and nothing to leak.
    'GET /docs/LICENSE': async (who) => void expect((await call(who, 'GET', '/docs/LICENSE')).status).toBe(404),
    'GET /docs/openapi.json': async (who) => void expect((await call(who, 'GET', '/docs/openapi.json')).status).toBe(200),
    'GET /docs-yaml': async (who) => void expect((await call(who, 'GET', '/docs-yaml')).status).toBe(200),
    'GET /docs/*': async (who) => void expect((await call(who, 'GET', '/docs/swagger-ui.css')).status).toBe(200),
  };

  it('checks every route the server answers (a new route must be added to this matrix)', () => {
    const routes = routeTable(h.app.getHttpAdapter().getInstance()).map((r) => `${r.method} ${r.url}`);
    expect(routes.filter((r) => !(r in CHECKS))).toEqual([]);
    expect(Object.keys(CHECKS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it.each(Object.keys(CHECKS))('%s: each person gets what they may see, and no more', async (route) => {
    const check = CHECKS[route];
    if (!check) throw new Error(`no check for ${route}`);
    for (const who of ALL) await check(who);
  });

  it('no answer to anyone holds the id, the child or the address of a case they may not see', () => {
    expect(responses.length).toBeGreaterThan(300);
    // The check below can fail: those who read the concerns were answered what they say.
    expect(responses.some(({ who, text }) => who === 'dlp' && text.includes(CONCERN_SAID))).toBe(true);
    // A family's members (the child included) are seen with any case of the family; its addresses
    // only by the leads and coordinators of its cases. Led and sibling share one family.
    const family = (f: Fixture): Fixture[] => (f === 'led' || f === 'sibling' ? ['led', 'sibling'] : [f]);
    const seesFamily = (who: Who, f: Fixture) => family(f).some((g) => sees(who, g));
    const seesAddress = (who: Who, f: Fixture) => family(f).some((g) => SEES_SENSITIVE[g].includes(who));
    const leaks: string[] = [];
    for (const { who, route, text } of responses) {
      if (!READS_CONCERNS.includes(who) && text.includes(CONCERN_SAID)) leaks.push(`${who} ${route}: what a concern says`);
      for (const fixture of FIXTURES) {
        const c = cases[fixture];
        // The id a caller sent is theirs to see again (a 404 names it); anything else is a leak.
        if (!sees(who, fixture) && !route.includes(c.id) && text.includes(c.id)) leaks.push(`${who} ${route}: id of ${fixture}`);
        if (!seesFamily(who, fixture) && text.includes(c.child)) leaks.push(`${who} ${route}: child of ${fixture}`);
        if (!seesAddress(who, fixture) && text.includes(c.address)) leaks.push(`${who} ${route}: address of ${fixture}`);
        if (!seesAddress(who, fixture) && text.includes(c.ethnicity)) leaks.push(`${who} ${route}: ethnicity of the child of ${fixture}`);
      }
      for (const fixture of CHECKLISTS) {
        const k = checklists[fixture];
        if (!seesChecklist(who, fixture) && !route.includes(k.id) && text.includes(k.id)) leaks.push(`${who} ${route}: id of checklist ${fixture}`);
        if (!seesChecklist(who, fixture) && text.includes(k.child)) leaks.push(`${who} ${route}: child of checklist ${fixture}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('tries every role a person can hold', () => {
    const roles = new Set(ALL.map((w) => actorOf(ACTORS[w]).role));
    expect([...ROLES].filter((role) => role !== 'system' && !roles.has(role))).toEqual([]);
  });
});
