/**
 * The child and family as practitioners describe them (issue "What practitioners really record",
 * point 1): what `POST /cases` records of the child and each family member, who reads which of it
 * (special-category data and contact details only with the sensitive details), and how it is
 * changed or completed later (`PATCH /cases/:id/child`, `PATCH /cases/:id/family-members/:memberId`):
 * by whom, audited in the case's hash-chained history without the values, in one transaction.
 */
import { AuditStore } from '@tacu/persistence';
import { journeyTo, sampleChildDetails, sampleEvent, sampleOpenCase, UPDATE_CHILD_DETAILS, UPDATE_FAMILY_MEMBER_DETAILS } from './support/api';
import { at, drive, get, openCase, openCaseBody, send, startHarness, USERS, type Harness } from './support/harness';

type Member = { id: string; relationship: string; name: string; hasParentalResponsibility: boolean; sensitive?: Record<string, unknown> } & Record<string, unknown>;
type HistoryEntry = { eventType: string; actor: { id: string; role: string }; data: Record<string, unknown>; seq: number };

const SPECIAL = sampleChildDetails().sensitive as { address: string; ethnicity: string; religion: string; disabilityOrAdditionalNeeds: string };
const PROFESSIONAL_PHONE = '+353 1 555 0101';

describe('the child and family as practitioners describe them', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const patch = async (path: string, body: unknown, as: string, headers: Record<string, string> = {}) => {
    const req = h.http.patch(path).auth(await h.token(as), { type: 'bearer' });
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(body as object);
  };
  const childOf = (answer: { childPersonId: string; familyMembers: Member[] }): Member => {
    const child = answer.familyMembers.find((m) => m.id === answer.childPersonId);
    if (!child) throw new Error('no child in the answer');
    return child;
  };
  const memberNamed = (answer: { familyMembers: Member[] }, name: string): Member => {
    const member = answer.familyMembers.find((m) => m.name === name);
    if (!member) throw new Error(`no ${name} in the answer`);
    return member;
  };
  const last = <T>(list: readonly T[]): T => at(list, list.length - 1);
  const history = async (id: string, as: string = USERS.lead): Promise<HistoryEntry[]> => (await get(h, `/cases/${id}/history`, as)).body.events;
  /** Everything a change could write: the case's version and chain, and the family's records. */
  const footprint = async (caseId: string) => ({
    version: (await h.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [caseId]))[0].version as number,
    audit: (await h.dataSource.query(`SELECT count(*)::int AS n FROM audit_events WHERE case_id = $1`, [caseId]))[0].n as number,
    members: await h.dataSource.query(`SELECT m.* FROM family_members m JOIN cases c ON c.family_id = m.family_id WHERE c.id = $1 ORDER BY m.id`, [caseId]),
  });
  const withDetails = () => openCaseBody({ child: { ...sampleOpenCase().child, ...sampleChildDetails() } as never });

  it('a case is opened with what practitioners record of the child and family, and its answer returns it to its lead', async () => {
    const opened = await openCase(h, USERS.lead, withDetails());
    const child = childOf(opened.body as never);
    const { sensitive: _sensitive, professionalsInvolved: _professionals, livesInHome, ...plain } = sampleChildDetails();
    expect(child).toMatchObject({ ...plain, name: 'Seán Murphy', dateOfBirth: '2018-09-21', livesInHome });
    expect(child['professionalsInvolved']).toEqual([{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy, HSE', contact: { phone: PROFESSIONAL_PHONE, email: 'nuala.hayes@example.ie' } }]);
    expect(child.sensitive).toEqual(SPECIAL);
    expect(memberNamed(opened.body as never, 'Siobhán Murphy')).toMatchObject({ firstLanguage: 'English', interpreterNeeded: false, gender: null, school: null });
    // A child with nothing more recorded reads as such: every detail null.
    const bare = childOf((await openCase(h)).body as never);
    expect(bare).toMatchObject({ gender: null, school: null, schoolClass: null, gp: null, firstLanguage: null, interpreterNeeded: null, livesInHome: null, professionalsInvolved: null, sensitive: {} });
  });

  it("an invited agency practitioner does not see the child's ethnicity, religion or disability, nor the contact of the professionals involved", async () => {
    const { id } = await openCase(h, USERS.lead, withDetails());
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    expect((await patch(`/cases/${id}/child`, { sensitive: { religion: 'Church of Ireland' } }, USERS.lead)).status).toBe(200);
    const seen = await get(h, `/cases/${id}`, USERS.agency);
    expect(seen.status).toBe(200);
    const child = childOf(seen.body);
    // What the invited practitioner needs to work with the family, and nothing more.
    expect(child).toMatchObject({ school: 'Scoil Bhríde National School, Tallaght', schoolClass: '2nd class', firstLanguage: 'English', interpreterNeeded: false });
    expect(child['professionalsInvolved']).toEqual([{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy, HSE' }]);
    expect(seen.body.familyMembers.some((m: Member) => 'sensitive' in m)).toBe(false);
    const readable = JSON.stringify([seen.body, (await get(h, `/cases/${id}/history`, USERS.agency)).body]);
    for (const secret of [SPECIAL.ethnicity, SPECIAL.religion, SPECIAL.disabilityOrAdditionalNeeds, 'Church of Ireland', PROFESSIONAL_PHONE]) expect({ secret, shown: readable.includes(secret) }).toEqual({ secret, shown: false });
  });

  it("the lead of a sibling case does not see the other child's sensitive details nor their professionals' contacts; that child's lead and the coordinators do", async () => {
    const first = await openCase(h, USERS.lead, withDetails());
    // A sister's case in the same family, registered to another lead practitioner.
    const sister = await openCase(h, USERS.lead, { ...openCaseBody({ child: { name: 'Síle Murphy', dateOfBirth: '2016-05-04' }, familyId: first.familyId, familyMembers: [] }), leadPractitionerId: USERS.otherLead });
    // (The home's address is also the parents': the sister's lead sees it as theirs.)
    const secrets = [SPECIAL.ethnicity, SPECIAL.religion, SPECIAL.disabilityOrAdditionalNeeds, PROFESSIONAL_PHONE];
    const seen = await get(h, `/cases/${sister.id}`, USERS.otherLead);
    expect(seen.status).toBe(200);
    const brother = seen.body.familyMembers.find((m: Member) => m.id === first.body['childPersonId']);
    // Who he is, as the family's composition; nothing of his own case's special-category data.
    expect(brother).toMatchObject({ name: 'Seán Murphy', relationship: 'child' });
    expect(brother).not.toHaveProperty('sensitive');
    expect(brother['professionalsInvolved']).toEqual([{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy, HSE' }]);
    const shownToSistersLead = JSON.stringify(seen.body);
    for (const secret of secrets) expect({ secret, shown: shownToSistersLead.includes(secret) }).toEqual({ secret, shown: false });
    // The adults of the family are the sister's case's family too: her lead sees their sensitive details.
    expect(memberNamed(seen.body, 'Siobhán Murphy')).toHaveProperty('sensitive');
    // The brother's own lead (reading the sister's case, which they opened) and the coordinator see his.
    const coordinator = (await get(h, `/cases/${sister.id}`, USERS.coordinator)).body;
    expect(coordinator.familyMembers.find((m: Member) => m.id === first.body['childPersonId']).sensitive).toEqual(SPECIAL);
  });

  it('the liaison person of a case on hold, and the practitioner who only made the request, do not see them either', async () => {
    const { id } = await openCase(h, USERS.lead, withDetails());
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    expect((await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.lead)).status).toBe(200);
    const liaison = await get(h, `/cases/${id}`, USERS.dlp);
    expect(liaison.status).toBe(200);
    expect(JSON.stringify(liaison.body)).not.toContain(SPECIAL.ethnicity);
    const request = await openCase(h, USERS.otherLead, { ...withDetails(), leadPractitionerId: USERS.lead });
    const opener = await get(h, `/cases/${request.id}`, USERS.otherLead);
    expect(opener.status).toBe(200);
    expect(JSON.stringify(opener.body)).not.toContain(SPECIAL.religion);
  });

  it("the lead practitioner completes the child's details later; the change is audited in the case's chain: who, when, which fields, never the values", async () => {
    const { id } = await openCase(h);
    const res = await patch(`/cases/${id}/child`, { school: 'Holy Family Pre-school', schoolClass: 'Montessori', sensitive: { religion: 'Muslim' }, interpreterNeeded: true }, USERS.lead, { 'If-Match': '"1"' });
    expect(res.status).toBe(200);
    expect(res.headers['etag']).toBe('"2"');
    expect(res.body.version).toBe(2);
    expect(childOf(res.body)).toMatchObject({ school: 'Holy Family Pre-school', schoolClass: 'Montessori', interpreterNeeded: true, sensitive: { religion: 'Muslim' } });
    const entry = at(await history(id), 1);
    expect(entry).toMatchObject({ seq: 2, eventType: UPDATE_CHILD_DETAILS, actor: { id: USERS.lead, role: 'leadPractitioner' }, data: { familyMemberId: res.body.childPersonId, fields: ['interpreterNeeded', 'school', 'schoolClass', 'sensitive.religion'] } });
    expect(JSON.stringify(entry)).not.toContain('Muslim');
    expect(await new AuditStore(h.dataSource.manager).verifyChain(id)).toEqual({ valid: true, length: 2 });
    // The case goes on from the new version: an event with the old one is refused.
    expect((await send(h, id, sampleEvent('RECORD_REQUEST_DETAILS'), USERS.lead, { 'If-Match': '"1"' })).status).toBe(409);
  });

  it('a change to what is recorded already writes nothing', async () => {
    const { id } = await openCase(h, USERS.lead, withDetails());
    const before = await footprint(id);
    const same = await patch(`/cases/${id}/child`, { school: 'Scoil Bhríde National School, Tallaght', sensitive: { ethnicity: SPECIAL.ethnicity } }, USERS.lead);
    expect(same.status).toBe(200);
    expect(await footprint(id)).toEqual(before);
  });

  it('clear empties fields: a family that asks for its religion not to be recorded', async () => {
    const { id } = await openCase(h, USERS.lead, withDetails());
    const res = await patch(`/cases/${id}/child`, { clear: ['sensitive.religion', 'professionalsInvolved'] }, USERS.coordinator);
    expect(res.status).toBe(200);
    const child = childOf(res.body);
    expect(child.sensitive).toEqual({ address: SPECIAL.address, ethnicity: SPECIAL.ethnicity, disabilityOrAdditionalNeeds: SPECIAL.disabilityOrAdditionalNeeds });
    expect(child['professionalsInvolved']).toBeNull();
    const stored = (await h.dataSource.query(`SELECT sensitive FROM family_members WHERE id = $1`, [res.body.childPersonId]))[0].sensitive;
    expect(Object.keys(stored).sort()).toEqual(['address', 'disabilityOrAdditionalNeeds', 'ethnicity']);
    expect(last(await history(id))).toMatchObject({ actor: { id: USERS.coordinator, role: 'coordinator' }, data: { fields: ['professionalsInvolved', 'professionalsInvolved.contact', 'sensitive.religion'] } });
  });

  it('who lives in the home names members of the family by id, or others by name; a member of another family is refused', async () => {
    const { id, body } = await openCase(h);
    const mother = memberNamed(body as never, 'Siobhán Murphy');
    const other = memberNamed((await openCase(h)).body as never, 'Siobhán Murphy');
    const livesInHome = [{ familyMemberId: mother.id }, { name: 'Darren Kelly', relationship: "mother's partner" }];
    const res = await patch(`/cases/${id}/child`, { livesInHome }, USERS.lead);
    expect(res.status).toBe(200);
    expect(childOf(res.body)['livesInHome']).toEqual(livesInHome);
    const before = await footprint(id);
    const stranger = await patch(`/cases/${id}/child`, { livesInHome: [{ familyMemberId: other.id }] }, USERS.lead);
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors).toEqual([{ field: 'livesInHome.0.familyMemberId', problems: [expect.stringMatching(/^familyMemberId names nobody of this family/)] }]);
    const both = await patch(`/cases/${id}/child`, { livesInHome: [{ familyMemberId: mother.id, name: 'Siobhán', relationship: 'mother' }, { name: 'Darren Kelly' }] }, USERS.lead);
    expect(both.status).toBe(400);
    expect(both.body.errors).toEqual([
      { field: 'livesInHome.0.familyMemberId', problems: ['give either familyMemberId (a member of the family) or name and relationship (someone else), not both'] },
      { field: 'livesInHome.1.relationship', problems: ['relationship is required with name: how they are related to the child (e.g. "mother\'s partner")'] },
    ]);
    // At opening, only members the family already has can be named by id: a new family has none yet.
    const atOpening = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send(openCaseBody({ child: { ...sampleOpenCase().child, livesInHome: [{ familyMemberId: mother.id }] } as never }));
    expect(atOpening.status).toBe(400);
    expect(atOpening.body.errors[0].field).toBe('child.livesInHome.0.familyMemberId');
    expect(await footprint(id)).toEqual(before);
  });

  it('bad input gets a 400 saying what is wrong, and writes nothing', async () => {
    const { id } = await openCase(h, USERS.lead, withDetails());
    const before = await footprint(id);
    const problems = async (body: unknown) => {
      const res = await patch(`/cases/${id}/child`, body, USERS.lead);
      expect(res.status).toBe(400);
      return res.body.errors;
    };
    expect(await problems({})).toEqual([{ field: '', problems: [expect.stringMatching(/^the body changes nothing: give at least one field to change/)] }]);
    expect(await problems({ school: 'x'.repeat(201) })).toEqual([{ field: 'school', problems: ['school must be at most 200 characters (it has 201)'] }]);
    expect(await problems({ sensitive: { religion: 'None' }, clear: ['sensitive.religion'] })).toEqual([{ field: 'clear', problems: ['sensitive.religion is both given a value and cleared: do one or the other'] }]);
    expect(await problems({ clear: ['name'] })).toEqual([{ field: 'clear', problems: [expect.stringMatching(/^clear\.0 must be one of gender, school/)] }]);
    expect(await problems({ nationality: 'Irish' })).toEqual([{ field: 'nationality', problems: ['property nationality should not exist'] }]);
    expect(await problems({ professionalsInvolved: Array.from({ length: 21 }, () => ({ name: 'A', service: 'B' })) })).toEqual([{ field: 'professionalsInvolved', problems: ['professionalsInvolved may have at most 20 items (it has 21)'] }]);
    expect(await footprint(id)).toEqual(before);
  });

  it("an invited agency practitioner may read the family but not change it (403); someone who may not see the case gets 404; nothing is written", async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    const before = await footprint(id);
    const agency = await patch(`/cases/${id}/child`, { school: 'Somewhere else' }, USERS.agency);
    expect(agency.status).toBe(403);
    expect(agency.body.detail).toBe("You may read this case but not change its family's details: its lead practitioner, or a coordinator of its area, does.");
    expect((await patch(`/cases/${id}/child`, { school: 'Somewhere else' }, USERS.otherLead)).status).toBe(404);
    expect((await patch(`/cases/${id}/child`, { school: 'Somewhere else' }, USERS.manager)).status).toBe(403);
    expect(await footprint(id)).toEqual(before);
  });

  it("a closed case's family is not changed through it (409), nor with a stale If-Match (409 with the current version)", async () => {
    const { id } = await openCase(h);
    const stale = await patch(`/cases/${id}/child`, { school: 'Holy Family' }, USERS.lead, { 'If-Match': '"7"' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 1 });
    await drive(h, id, journeyTo('request.awaitingConsent', USERS.lead));
    expect((await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.status).toBe('closed');
    const before = await footprint(id);
    const closed = await patch(`/cases/${id}/child`, { school: 'Holy Family' }, USERS.lead);
    expect(closed.status).toBe(409);
    expect(closed.body.detail).toMatch(/^The case is closed: its record is history/);
    expect(await footprint(id)).toEqual(before);
  });

  it("a family member's relationship, parental responsibility, language, contact and address are changed, audited without their values", async () => {
    const { id, body } = await openCase(h);
    const grandmother = memberNamed(body as never, 'Bridget Murphy');
    const res = await patch(
      `/cases/${id}/family-members/${grandmother.id}`,
      { relationship: 'carer', hasParentalResponsibility: true, dateOfBirth: '1958-04-12', firstLanguage: 'Irish', contact: { phone: '+353 86 765 4321' }, sensitive: { address: '3 Mill Lane, Tallaght' } },
      USERS.lead,
    );
    expect(res.status).toBe(200);
    expect(memberNamed(res.body, 'Bridget Murphy')).toMatchObject({
      relationship: 'carer',
      hasParentalResponsibility: true,
      dateOfBirth: '1958-04-12',
      firstLanguage: 'Irish',
      sensitive: { address: '3 Mill Lane, Tallaght', contact: { phone: '+353 86 765 4321' } },
    });
    const entry = last(await history(id));
    expect(entry).toMatchObject({
      eventType: UPDATE_FAMILY_MEMBER_DETAILS,
      data: { familyMemberId: grandmother.id, fields: ['contact.phone', 'dateOfBirth', 'firstLanguage', 'hasParentalResponsibility', 'relationship', 'sensitive.address'] },
    });
    expect(JSON.stringify(entry)).not.toMatch(/Mill Lane|765 4321/);
    // Only the contact detail named goes: the other stays.
    const mother = memberNamed(body as never, 'Siobhán Murphy');
    const cleared = await patch(`/cases/${id}/family-members/${mother.id}`, { clear: ['contact.email'] }, USERS.lead);
    expect(memberNamed(cleared.body, 'Siobhán Murphy').sensitive).toEqual({ address: '12 Church Road, Tallaght, Dublin 24', contact: { phone: '+353 87 123 4567' } });
    const future = await patch(`/cases/${id}/family-members/${grandmother.id}`, { dateOfBirth: '2027-01-01' }, USERS.lead);
    expect(future.status).toBe(400);
    expect(future.body.errors[0].field).toBe('dateOfBirth');
  });

  it('parental responsibility is not taken from the person whose consent an open case stands on, even beside another parent\'s; it is once her consent is withdrawn', async () => {
    const { id, body } = await openCase(h, USERS.lead, {
      familyMembers: [
        { name: 'Siobhán Murphy', relationship: 'mother', hasParentalResponsibility: true },
        { name: 'Pádraig Murphy', relationship: 'father', hasParentalResponsibility: true },
      ],
    });
    const mother = memberNamed(body as never, 'Siobhán Murphy');
    const father = memberNamed(body as never, 'Pádraig Murphy');
    const consentOf = (person: Member) => ({ ...sampleEvent('RECORD_CONSENT'), givenBy: { name: person.name, personId: person.id, hasParentalResponsibility: true } });
    expect((await send(h, id, consentOf(mother), USERS.lead)).status).toBe(200);
    const before = await footprint(id);
    const refused = await patch(`/cases/${id}/family-members/${mother.id}`, { hasParentalResponsibility: false }, USERS.lead);
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toMatch(/^Siobhán Murphy gave the written consent that an open case of this family stands on/);
    expect(await footprint(id)).toEqual(before);
    // Consent is kept per person: the father's is added beside hers, which still stands.
    expect((await send(h, id, consentOf(father), USERS.lead)).status).toBe(200);
    expect((await patch(`/cases/${id}/family-members/${mother.id}`, { hasParentalResponsibility: false }, USERS.lead)).status).toBe(409);
    const withdrawn = await send(h, id, { type: 'WITHDRAW_CONSENT', withdrawnBy: { name: mother.name, personId: mother.id }, reason: 'A court order' }, USERS.lead);
    expect(withdrawn.status).toBe(200);
    const decided = await send(h, id, { type: 'DECIDE_ON_WITHDRAWAL', decision: 'continueWithRemainingConsent', reason: "The case goes on with Pádraig's consent." }, USERS.coordinator);
    expect(decided.status).toBe(200);
    const corrected = await patch(`/cases/${id}/family-members/${mother.id}`, { hasParentalResponsibility: false }, USERS.lead);
    expect(corrected.status).toBe(200);
    expect(memberNamed(corrected.body, 'Siobhán Murphy').hasParentalResponsibility).toBe(false);
  });

  it("the child's record changes through their own case, not as a family member; an id of another family is 404", async () => {
    const { id, body } = await openCase(h);
    const sibling = await openCase(h, USERS.lead, { familyId: body['familyId'] as string, familyMembers: [], child: { name: 'Aoibhe Murphy', dateOfBirth: '2015-02-11' } });
    const asMember = await patch(`/cases/${id}/family-members/${body['childPersonId'] as string}`, { firstLanguage: 'Irish' }, USERS.lead);
    expect(asMember.status).toBe(400);
    expect(asMember.body.errors).toEqual([{ field: 'memberId', problems: ["memberId is the child of this case: change the child's details with PATCH /cases/:id/child"] }]);
    const siblingChild = await patch(`/cases/${id}/family-members/${sibling.body['childPersonId'] as string}`, { firstLanguage: 'Irish' }, USERS.lead);
    expect(siblingChild.status).toBe(400);
    const stranger = memberNamed((await openCase(h)).body as never, 'Siobhán Murphy');
    expect((await patch(`/cases/${id}/family-members/${stranger.id}`, { firstLanguage: 'Irish' }, USERS.lead)).status).toBe(404);
    expect((await patch(`/cases/${id}/family-members/not-a-uuid`, { firstLanguage: 'Irish' }, USERS.lead)).status).toBe(404);
  });

  it('a family is shared by its sibling cases: a change through one is seen through the other, and is in the history of the case it was made through', async () => {
    const { id, body } = await openCase(h);
    const sibling = await openCase(h, USERS.lead, { familyId: body['familyId'] as string, familyMembers: [], child: { name: 'Aoibhe Murphy', dateOfBirth: '2015-02-11' } });
    const mother = memberNamed(body as never, 'Siobhán Murphy');
    expect((await patch(`/cases/${id}/family-members/${mother.id}`, { interpreterNeeded: true }, USERS.lead)).status).toBe(200);
    expect(memberNamed((await get(h, `/cases/${sibling.id}`, USERS.lead)).body, 'Siobhán Murphy')['interpreterNeeded']).toBe(true);
    expect((await history(id)).map((e) => e.eventType)).toContain(UPDATE_FAMILY_MEMBER_DETAILS);
    expect((await history(sibling.id)).map((e) => e.eventType)).not.toContain(UPDATE_FAMILY_MEMBER_DETAILS);
  });
});
