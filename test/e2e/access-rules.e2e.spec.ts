/**
 * The rules of need to know that the matrix does not spell out one by one (issue 12 §1): who a
 * token may be, who sees a request, whom an event may name (and what naming them gives), how long
 * an invited agency keeps access, and one open episode per child.
 */
import { SignJWT } from 'jose';
import type { Actor } from '@tacu/domain';
import { ParticipantStore, PeopleStore } from '@tacu/persistence';
import { fullJourney, INVITED_AGENCY_USER, journeyTo, sampleEvent, UserAccounts } from './support/api';
import { drive, get, openCase, openCaseBody, OTHER_AREA, send, SECRET, startHarness, USERS, type Harness } from './support/harness';

const AREA = 'dublin-south-central';
const GALWAY_NURSE: Actor = { id: 'u-agency-galway', role: 'agencyPractitioner', areaId: OTHER_AREA.id, name: 'Nóra' };

describe('need to know: the rules', () => {
  let h: Harness;
  const counts = async () =>
    (
      await h.dataSource.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM audit_events)::int AS audit, (SELECT count(*) FROM families)::int AS families,
                (SELECT count(*) FROM family_members)::int AS members, (SELECT count(*) FROM case_participants)::int AS participants, (SELECT count(*) FROM outbox)::int AS outbox`,
      )
    )[0];

  beforeAll(async () => {
    h = await startHarness();
    await h.dataSource.transaction(async (manager) => {
      const people = new PeopleStore(manager);
      await people.upsertUser({ id: GALWAY_NURSE.id, areaId: OTHER_AREA.id, role: GALWAY_NURSE.role, displayName: 'Nóra', agency: 'Public Health Nursing' });
      await people.upsertUser({ id: 'u-retired-0001', areaId: AREA, role: 'agencyPractitioner', displayName: 'Retired', agency: 'Public Health Nursing', active: false });
    });
  });
  afterAll(() => h.close());

  describe('a token is only as good as the account it names', () => {
    const key = new TextEncoder().encode(SECRET);
    const mint = (claims: Record<string, unknown>, sub: string, lifetime = '1h') =>
      new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject(sub).setIssuer('tacu').setAudience('tacu-api').setIssuedAt().setExpirationTime(lifetime).sign(key);
    const detail = async (token: string) => {
      const res = await h.http.get('/cases').auth(token, { type: 'bearer' });
      expect(res.status).toBe(401);
      return res.body.detail as string;
    };

    it('refuses a token for a user who does not exist, even with a role that would see every request', async () => {
      expect(await detail(await mint({ role: 'leadPractitioner', area: AREA }, 'u-nobody'))).toBe(
        'The bearer token names a user this service does not know (claim "sub"): ask your administrator for an account.',
      );
    });

    it('refuses a deactivated account, a role or an area the account does not hold', async () => {
      expect(await detail(await mint({ role: 'agencyPractitioner', area: AREA }, 'u-retired-0001'))).toMatch(/no longer active/);
      expect(await detail(await mint({ role: 'coordinator', area: AREA }, USERS.lead))).toMatch(/holds role "leadPractitioner"/);
      expect(await detail(await mint({ role: 'leadPractitioner', area: OTHER_AREA.id }, USERS.lead))).toMatch(/belongs to area "dublin-south-central"/);
    });

    it('notices an account deactivated since its last request', async () => {
      const token = await mint({ role: 'agencyPractitioner', area: AREA }, USERS.agency);
      expect((await h.http.get('/cases').auth(token, { type: 'bearer' })).status).toBe(200);
      await h.dataSource.query(`UPDATE users SET active = false WHERE id = $1`, [USERS.agency]);
      h.app.get(UserAccounts).forget();
      try {
        expect(await detail(token)).toMatch(/no longer active/);
      } finally {
        await h.dataSource.query(`UPDATE users SET active = true WHERE id = $1`, [USERS.agency]);
        h.app.get(UserAccounts).forget();
      }
    });

    it('refuses tokens without an expiry or valid for more than an hour', async () => {
      const noExpiry = await new SignJWT({ role: 'coordinator', area: AREA }).setProtectedHeader({ alg: 'HS256' }).setSubject(USERS.coordinator).setIssuer('tacu').setAudience('tacu-api').setIssuedAt().sign(key);
      expect(await detail(noExpiry)).toBe('The bearer token has no expiry (claim "exp"): ask for a token that expires.');
      expect(await detail(await mint({ role: 'coordinator', area: AREA }, USERS.coordinator, '12h'))).toMatch(/valid for longer than this service allows \(3600 s/);
      const future = await new SignJWT({ role: 'coordinator', area: AREA })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(USERS.coordinator)
        .setIssuer('tacu')
        .setAudience('tacu-api')
        .setIssuedAt(Math.floor(Date.now() / 1000) + 600)
        .setExpirationTime(Math.floor(Date.now() / 1000) + 1200)
        .sign(key);
      expect(await detail(future)).toMatch(/issued in the future/);
    });
  });

  describe('a request is seen by who made it, the coordinators of its area and its lead once assigned', () => {
    it('another lead practitioner of the area can neither read, change nor close a request', async () => {
      const { id } = await openCase(h, USERS.lead);
      const before = await counts();
      expect((await get(h, `/cases/${id}`, USERS.otherLead)).status).toBe(404);
      expect((await get(h, `/cases/${id}/history`, USERS.otherLead)).status).toBe(404);
      expect((await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.otherLead)).status).toBe(404);
      expect((await send(h, id, sampleEvent('RECORD_REQUEST_DETAILS'), USERS.otherLead)).status).toBe(404);
      expect(await counts()).toEqual(before);
      expect((await get(h, `/cases/${id}`, USERS.coordinator)).status).toBe(200);
    });

    it('the practitioner who made a request for another lead sees it until it is registered, then the lead does', async () => {
      const { id } = await openCase(h, USERS.lead, { leadPractitionerId: USERS.otherLead });
      expect((await get(h, `/cases/${id}`, USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.otherLead)).status).toBe(200);
      const sensitive = (await get(h, `/cases/${id}`, USERS.lead)).body.familyMembers.some((m: { sensitive?: unknown }) => m.sensitive);
      expect(sensitive).toBe(false);
      await drive(h, id, journeyTo('assessment.inProgress', USERS.otherLead));
      expect((await get(h, `/cases/${id}`, USERS.lead)).status).toBe(404);
      expect((await get(h, `/cases/${id}`, USERS.otherLead)).status).toBe(200);
      const participants = await new ParticipantStore(h.dataSource.manager).list(id);
      expect(participants).toEqual([
        { userId: USERS.otherLead, kind: 'lead' },
        { userId: USERS.lead, kind: 'opener' },
      ]);
    });
  });

  describe('the people an event names must be people who may be named', () => {
    async function atMeeting(): Promise<string> {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.proposed', USERS.lead));
      return id;
    }
    const invite = (invitee: Record<string, unknown>) => {
      const event = sampleEvent('INVITE_TO_MEETING');
      return { ...event, invitees: [...event.invitees, { name: 'Named', approvedByFamily: true, ...invitee }] };
    };

    it('refuses, with 400 and nothing written, an invitee named without their agency, of another area, unknown, inactive or with another agency', async () => {
      const id = await atMeeting();
      const before = await counts();
      const cases: Array<[Record<string, unknown>, RegExp]> = [
        [{ personId: INVITED_AGENCY_USER }, /names a practitioner \(u-agency-0001\) without their agency/],
        [{ personId: GALWAY_NURSE.id, agency: 'Public Health Nursing' }, /names a user of another area/],
        [{ personId: 'u-nobody', agency: 'Public Health Nursing' }, /names nobody known here/],
        [{ personId: 'u-retired-0001', agency: 'Public Health Nursing' }, /no longer active/],
        [{ personId: INVITED_AGENCY_USER, agency: 'Scoil Bhríde National School' }, /their account records Public Health Nursing/],
        [{ personId: USERS.manager, agency: 'Public Health Nursing' }, /whose role is manager/],
      ];
      for (const [invitee, problem] of cases) {
        const res = await send(h, id, invite(invitee), USERS.lead);
        expect({ invitee, status: res.status, code: res.body.code }).toEqual({ invitee, status: 400, code: 'VALIDATION_FAILED' });
        expect(res.body.errors).toEqual([{ field: 'invitees.3', problems: [expect.stringMatching(problem)] }]);
      }
      expect(await counts()).toEqual(before);
      expect((await get(h, `/cases/${id}`, INVITED_AGENCY_USER)).status).toBe(404);
      expect((await get(h, `/cases/${id}`, GALWAY_NURSE)).status).toBe(404);
    });

    it('refuses an agency the family did not consent to share with (422), so its practitioner never reads the case', async () => {
      const id = await atMeeting();
      await h.dataSource.query(`INSERT INTO users (id, area_id, role, display_name, agency) VALUES ('u-garda-0001', $1, 'agencyPractitioner', 'Garda', 'An Garda Síochána') ON CONFLICT DO NOTHING`, [AREA]);
      const res = await send(h, id, invite({ personId: 'u-garda-0001', agency: 'An Garda Síochána' }), USERS.lead);
      expect(res.status).toBe(422);
      expect(res.body.reasons).toEqual([expect.stringMatching(/consent does not cover sharing information with An Garda Síochána/)]);
      expect((await get(h, `/cases/${id}`, { id: 'u-garda-0001', role: 'agencyPractitioner', areaId: AREA })).status).toBe(404);
      expect(await new ParticipantStore(h.dataSource.manager).list(id)).toEqual([
        { userId: USERS.lead, kind: 'lead' },
        { userId: USERS.lead, kind: 'opener' },
      ]);
    });

    it('refuses a lead, a liaison or a signatory who may not be named in that role', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('request.submitted', USERS.lead));
      const register = await send(h, id, { type: 'REGISTER_REQUEST', leadPractitionerId: USERS.agency }, USERS.coordinator);
      expect(register.status).toBe(400);
      expect(register.body.errors).toEqual([{ field: 'leadPractitionerId', problems: ['leadPractitionerId names u-agency-0001, whose role is agencyPractitioner: choose an active lead practitioner'] }]);
      const elsewhere = await send(h, id, { type: 'ASSIGN_LEAD_PRACTITIONER', leadPractitionerId: 'u-nobody' }, USERS.coordinator);
      expect(elsewhere.status).toBe(400);
      await drive(h, id, [{ by: 'coordinator', event: { type: 'REGISTER_REQUEST', leadPractitionerId: USERS.lead }, state: 'assessment.inProgress' }]);
      const liaison = await send(h, id, { ...sampleEvent('RAISE_CONCERN') }, USERS.lead);
      expect(liaison.status).toBe(200);
      const consult = await send(h, id, { ...sampleEvent('CONSULT_LIAISON'), liaison: { name: 'Deirdre', personId: USERS.coordinator } }, USERS.lead);
      expect(consult.status).toBe(400);
      expect(consult.body.errors[0].problems[0]).toMatch(/choose a designated liaison person/);
    });

    it('a family member is named by the id of their record on this case', async () => {
      const { id, body } = await openCase(h, USERS.lead);
      const members = body['familyMembers'] as { id: string; name: string; hasParentalResponsibility: boolean }[];
      const mother = members.find((m) => m.hasParentalResponsibility);
      const granny = members.find((m) => !m.hasParentalResponsibility && m.name.startsWith('Bridget'));
      await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
      const consent = sampleEvent('RECORD_CONSENT');
      const wrong = await send(h, id, { ...consent, givenBy: { name: 'Bridget', personId: granny?.id, hasParentalResponsibility: true } }, USERS.lead);
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors[0].problems[0]).toMatch(/family record says they have not/);
      const stranger = await send(h, id, { ...consent, givenBy: { name: 'X', personId: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f', hasParentalResponsibility: true } }, USERS.lead);
      expect(stranger.status).toBe(400);
      // Her first name alone is not the family record's name: refused, saying the name to give.
      const short = await send(h, id, { ...consent, givenBy: { name: 'Siobhán', personId: mother?.id, hasParentalResponsibility: true } }, USERS.lead);
      expect(short.status).toBe(400);
      expect(short.body.errors[0].problems[0]).toMatch(/the family record's name for .* is 'Siobhán Murphy'/);
      expect((await send(h, id, { ...consent, givenBy: { name: 'Siobhán Murphy', personId: mother?.id, hasParentalResponsibility: true } }, USERS.lead)).status).toBe(200);
    });
  });

  describe('what being named gives, and for how long', () => {
    it('an invited agency practitioner reads the case while it is open, as an agency practitioner, and not once it is closed', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.invited', USERS.lead));
      const seen = await get(h, `/cases/${id}`, USERS.agency);
      expect(seen.status).toBe(200);
      // An invited practitioner raises a concern and logs their own contacts with the family.
      expect(seen.body.allowedEvents).toEqual(['RAISE_CONCERN', 'RECORD_CONTACT']);
      expect(seen.body.familyMembers.some((m: { sensitive?: unknown }) => m.sensitive)).toBe(false);
      expect((await send(h, id, sampleEvent('HOLD_MEETING'), USERS.agency)).status).toBe(403);
      expect((await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.status).toBe('closed');
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(404);
      expect((await get(h, `/cases?limit=100`, USERS.agency)).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
      expect((await get(h, `/cases/${id}`, USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.coordinator)).status).toBe(200);
    });

    it('a lead practitioner invited to another lead’s meeting acts there as an invited practitioner, and the audit says so', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.proposed', USERS.lead));
      const event = sampleEvent('INVITE_TO_MEETING');
      event.invitees.push({ name: 'Ciarán Doyle', personId: USERS.otherLead, agency: 'Family Resource Centre', approvedByFamily: true });
      const consent = { ...sampleEvent('RECORD_CONSENT'), scopes: { ...sampleEvent('RECORD_CONSENT').scopes, shareWithAgencies: ['Scoil Bhríde National School', 'Public Health Nursing', 'Family Resource Centre'] } };
      expect((await send(h, id, consent, USERS.lead)).status).toBe(200);
      expect((await send(h, id, event, USERS.lead)).status).toBe(200);
      const seen = await get(h, `/cases/${id}`, USERS.otherLead);
      expect(seen.status).toBe(200);
      expect(seen.body.allowedEvents).toEqual(['RAISE_CONCERN', 'RECORD_CONTACT']);
      const hold = await send(h, id, sampleEvent('HOLD_MEETING'), USERS.otherLead);
      expect(hold.status).toBe(403);
      expect(hold.body.role).toBe('agencyPractitioner');
      expect((await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.otherLead)).status).toBe(200);
      const history = (await get(h, `/cases/${id}/history`, USERS.lead)).body.events as { eventType: string; actor: { id: string; role: string } }[];
      expect(history.at(-1)).toMatchObject({ eventType: 'RAISE_CONCERN', actor: { id: USERS.otherLead, role: 'agencyPractitioner' } });
    });

    it('an invited agency practitioner sees that the case is on hold, not the concern: record and history withhold it', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.invited', USERS.lead));
      const concern = sampleEvent('RAISE_CONCERN');
      expect((await send(h, id, concern, USERS.lead)).body.status).toBe('onHold');
      const seen = await get(h, `/cases/${id}`, USERS.agency);
      expect(seen.body).toMatchObject({ status: 'onHold' });
      expect(seen.body.record).not.toHaveProperty('concerns');
      const history = await get(h, `/cases/${id}/history`, USERS.agency);
      expect(history.body.events.at(-1)).toMatchObject({ eventType: 'RAISE_CONCERN', data: {}, withheld: true });
      expect(JSON.stringify([seen.body, history.body])).not.toContain(concern.observed);
      for (const reader of [USERS.lead, USERS.coordinator, USERS.dlp]) {
        expect((await get(h, `/cases/${id}`, reader)).body.record.concerns[0].observed).toBe(concern.observed);
        expect((await get(h, `/cases/${id}/history`, reader)).body.events.at(-1)).toMatchObject({ data: { observed: concern.observed } });
      }
    });

    it('a new lead takes over the case and the former lead no longer sees it', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
      expect((await send(h, id, { type: 'ASSIGN_LEAD_PRACTITIONER', leadPractitionerId: USERS.otherLead }, USERS.coordinator)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.lead)).status).toBe(404);
      expect((await get(h, `/cases/${id}`, USERS.otherLead)).body.allowedEvents).toContain('RECORD_ASSESSMENT');
    });
  });

  describe('consent first: naming ends where consent ends', () => {
    it('an invited agency loses the case as soon as the family narrows its consent to leave that agency out', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.invited', USERS.lead));
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(200);
      const narrower = sampleEvent('RECORD_CONSENT');
      narrower.scopes.shareWithAgencies = ['Scoil Bhríde National School'];
      expect((await send(h, id, narrower, USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(404);
      expect(await new ParticipantStore(h.dataSource.manager).list(id)).not.toContainEqual({ userId: USERS.agency, kind: 'invitee' });
      // Widened again, the invitation it recorded counts again.
      expect((await send(h, id, sampleEvent('RECORD_CONSENT'), USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(200);
    });

    it('an invited agency loses the case as soon as a second parent asks that nothing is shared with it, whatever the first parent’s consent says', async () => {
      const father = { name: 'Dónal Murphy', relationship: 'father', hasParentalResponsibility: true };
      const { id, body } = await openCase(h, USERS.lead, { familyMembers: [...openCaseBody().familyMembers, father] });
      const fatherId = (body['familyMembers'] as { id: string; relationship: string }[]).find((m) => m.relationship === 'father')?.id;
      await drive(h, id, journeyTo('meeting.invited', USERS.lead));
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(200);
      const his = {
        ...sampleEvent('RECORD_CONSENT'),
        givenBy: { name: father.name, personId: fatherId, hasParentalResponsibility: true },
        scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['Scoil Bhríde National School'], doNotShareWith: ['Public Health Nursing'] },
      };
      expect((await send(h, id, his, USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(404);
      expect((await get(h, `/cases?limit=100`, USERS.agency)).body.items.map((c: { id: string }) => c.id)).not.toContain(id);
      // The mother recording her (wider) consent again adds nothing: his wish stands beside hers.
      expect((await send(h, id, sampleEvent('RECORD_CONSENT'), USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.agency)).status).toBe(404);
      expect(await new ParticipantStore(h.dataSource.manager).list(id)).not.toContainEqual({ userId: USERS.agency, kind: 'invitee' });
    });

    it('an invited agency practitioner reports progress on the actions they own, not on anyone else’s', async () => {
      const { id } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.held', USERS.lead));
      const steps = fullJourney(USERS.lead);
      const drafted = sampleEvent('DRAFT_PLAN');
      drafted.actions.push({ id: 'a3', answers: 'Seán sleeps well', what: 'Sleep routine visits', owner: { name: 'Orla Nolan', personId: USERS.agency, agency: 'Public Health Nursing' }, dueDate: '2026-05-20', status: 'notStarted' });
      const step = (type: string) => steps.filter((s) => s.event.type === type);
      await drive(h, id, [...step('DISTRIBUTE_MINUTES'), { by: 'lead', event: drafted, state: 'actionPlan.drafting' }, ...step('SUBMIT_PLAN_FOR_SIGN_OFF'), ...step('SIGN_OFF_PLAN')]);
      const theirs = await send(h, id, { type: 'REPORT_ACTION_PROGRESS', actionId: 'a3', status: 'inProgress', progress: 'First visit done.' }, USERS.agency);
      expect(theirs.status).toBe(200);
      const other = await send(h, id, { type: 'REPORT_ACTION_PROGRESS', actionId: 'a1', status: 'done', progress: 'Not mine to say.' }, USERS.agency);
      expect(other.status).toBe(403);
      expect(other.body.detail).toBe('You may report progress only on the actions you own (a3): action a1 is owned by Niamh Kelly.');
      expect((await send(h, id, { type: 'REPORT_ACTION_PROGRESS', actionId: 'a1', status: 'done', progress: 'Done.' }, USERS.lead)).status).toBe(200);
    });
  });

  describe('joining a family', () => {
    it('a lead practitioner invited to another lead’s meeting may not link a case to that family, nor see or add to its members’ details', async () => {
      const { id, familyId } = await openCase(h, USERS.lead);
      await drive(h, id, journeyTo('meeting.proposed', USERS.lead));
      const consent = { ...sampleEvent('RECORD_CONSENT'), scopes: { ...sampleEvent('RECORD_CONSENT').scopes, shareWithAgencies: ['Family Resource Centre'] } };
      expect((await send(h, id, consent, USERS.lead)).status).toBe(200);
      const event = sampleEvent('INVITE_TO_MEETING');
      event.invitees = [{ name: 'Ciarán Doyle', personId: USERS.otherLead, agency: 'Family Resource Centre', approvedByFamily: true }];
      expect((await send(h, id, event, USERS.lead)).status).toBe(200);
      expect((await get(h, `/cases/${id}`, USERS.otherLead)).status).toBe(200);
      const before = await counts();
      const join = await h.http
        .post('/cases')
        .auth(await h.token(USERS.otherLead), { type: 'bearer' })
        .send(openCaseBody({ leadPractitionerId: USERS.otherLead, familyId, familyMembers: [{ name: 'Injected Father', relationship: 'father', hasParentalResponsibility: true }] }));
      expect(join.status).toBe(400);
      expect(join.text).not.toMatch(/Church Road/);
      expect(await counts()).toEqual(before);
    });

    it('refuses to link a case to a family one may not see a case of, and shows nothing of it', async () => {
      const theirs = await openCase(h, USERS.otherLead, { leadPractitionerId: USERS.otherLead });
      const before = await counts();
      const res = await h.http
        .post('/cases')
        .auth(await h.token(USERS.lead), { type: 'bearer' })
        .send(openCaseBody({ familyId: theirs.familyId, familyMembers: [] }));
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual([{ field: 'familyId', problems: [`familyId does not name a family of area ${AREA} with a case you lead (or, for a coordinator, of your area)`] }]);
      expect(res.text).not.toMatch(/Church Road|Siobhán|Bridget/);
      expect(await counts()).toEqual(before);
    });

    it('links a sibling case for someone who sees a case of the family', async () => {
      const first = await openCase(h, USERS.lead);
      const res = await h.http
        .post('/cases')
        .auth(await h.token(USERS.lead), { type: 'bearer' })
        .send(openCaseBody({ child: { name: 'Aoibhe Murphy', dateOfBirth: '2015-02-11' }, familyId: first.familyId, familyMembers: [] }));
      expect(res.status).toBe(201);
      expect(res.body.familyId).toBe(first.familyId);
      expect(res.body.siblingCases.map((s: { id: string }) => s.id)).toEqual([first.id]);
    });
  });

  describe('one open episode per child', () => {
    async function closedCase() {
      const opened = await openCase(h, USERS.lead);
      await drive(h, opened.id, journeyTo('request.awaitingConsent', USERS.lead));
      expect((await send(h, opened.id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.status).toBe('closed');
      return opened;
    }
    const reopen = async (previousEpisodeId: string, overrides: Record<string, unknown> = {}) => {
      const body: Record<string, unknown> = { ...openCaseBody({ previousEpisodeId, familyMembers: [] }), ...overrides };
      if (!('child' in overrides)) delete body['child'];
      return h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(body);
    };

    it('a reopened episode continues the child’s own record: no second child, no copy of the family', async () => {
      const closed = await closedCase();
      const membersBefore = await counts();
      const res = await reopen(closed.id);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ previousEpisodeId: closed.id, familyId: closed.familyId, childPersonId: closed.body['childPersonId'] });
      // The same child's earlier episode is not a sibling.
      expect(res.body.siblingCases).toEqual([]);
      expect((await counts()).members).toBe(membersBefore.members);
      expect((await counts()).families).toBe(membersBefore.families);
    });

    it('an episode is reopened once: a second reopen is refused and writes nothing', async () => {
      const closed = await closedCase();
      expect((await reopen(closed.id)).status).toBe(201);
      const before = await counts();
      const again = await reopen(closed.id);
      expect(again.status).toBe(400);
      expect(again.body.errors).toEqual([{ field: 'previousEpisodeId', problems: ['this episode was already reopened as a later episode: reopen the latest episode of the child'] }]);
      expect(await counts()).toEqual(before);
    });

    it('a reopen keeps the child’s record, so a new child is refused', async () => {
      const closed = await closedCase();
      const res = await reopen(closed.id, { child: { name: 'Another', dateOfBirth: '2016-01-01' } });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe('child');
    });
  });
});
