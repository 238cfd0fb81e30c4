/**
 * The pre-request checklist as its own record (issue "What practitioners really record", point 3):
 * every outcome of the area's framework (Ireland's five national outcomes, 1-3, by default) rated
 * with a reason, completed with the parent, the child or both,
 * and its outcome: a request for support (linked to the case it opens, by someone who may see it),
 * or "no Meitheal needed" with what was done instead: kept and counted, no case opened. Seen by
 * who made it, the area's coordinators and the lead of its case; anyone else is answered 404.
 */
import type { Actor } from '@tacu/domain';
import { PeopleStore, PreRequestChecklistStore } from '@tacu/persistence';
import { journeyTo, sampleChecklist, sampleEvent } from './support/api';
import { drive, get, openCase, openCaseBody, OTHER_COORDINATOR, send, startHarness, USERS, type Harness } from './support/harness';

const NO_MEITHEAL = { outcome: 'noMeithealNeeded', actionTaken: 'Referred to the homework club of the school completion programme.' } as const;
/** A POST /cases body for a new family in the demo area, led by the lead. */
const caseBody = (): Record<string, unknown> => openCaseBody() as unknown as Record<string, unknown>;
const GALWAY_LEAD: Actor = { id: 'u-lp-galway-k', role: 'leadPractitioner', areaId: OTHER_COORDINATOR.areaId, name: 'Méabh' };

describe('the pre-request checklist as its own record', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.dataSource.transaction((manager) => new PeopleStore(manager).upsertUser({ id: GALWAY_LEAD.id, areaId: GALWAY_LEAD.areaId, role: 'leadPractitioner', displayName: 'Méabh', agency: 'Galway FRC' }));
  });
  afterAll(() => h.close());

  const make = async (as: string | Actor, body: unknown, headers: Record<string, string> = {}) => {
    const req = h.http.post('/pre-request-checklists').auth(await h.token(as), { type: 'bearer' });
    for (const [name, value] of Object.entries(headers)) req.set(name, value);
    return req.send(body as object);
  };
  const made = async (as: string | Actor, overrides: Record<string, unknown> = {}): Promise<string> => {
    const res = await make(as, sampleChecklist(overrides));
    if (res.status !== 201) throw new Error(`POST /pre-request-checklists answered ${res.status}: ${res.text}`);
    return res.body.id;
  };
  const counts = async () =>
    (
      await h.dataSource.query(
        `SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM pre_request_checklists)::int AS checklists, (SELECT count(*) FROM audit_events)::int AS audit`,
      )
    )[0];
  const figures = async (as: string | Actor = USERS.coordinator) => (await get(h, '/pre-request-checklists/figures', as)).body;

  it("a 'no Meitheal needed' checklist opens no case, and is kept and counted", async () => {
    const [before, countedBefore] = [await counts(), await figures()];
    const res = await make(USERS.lead, sampleChecklist({ childName: 'Ruairí Byrne', completedWith: 'both', ...NO_MEITHEAL }));
    expect(res.status).toBe(201);
    expect(res.headers['location']).toBe(`/pre-request-checklists/${res.body.id}`);
    expect(res.body).toMatchObject({ madeBy: USERS.lead, areaId: 'dublin-south-central', childName: 'Ruairí Byrne', completedWith: 'both', ...NO_MEITHEAL, linked: false, caseId: null, outcomeFrameworkId: 'ireland-national-outcomes' });
    expect(res.body.ratings.map((r: { outcome: string }) => r.outcome)).toEqual(['activeAndHealthy', 'achievingFullPotential', 'safeAndProtected', 'economicSecurity', 'connectedRespectedContributing']);
    expect(await counts()).toEqual({ ...before, checklists: before.checklists + 1 });
    expect(await figures()).toEqual({ ...countedBefore, total: countedBefore.total + 1, noMeithealNeeded: countedBefore.noMeithealNeeded + 1 });
    expect((await get(h, `/pre-request-checklists/${res.body.id}`, USERS.lead)).body).toEqual(res.body);
    // The manager counts them too (figures, not narratives); another area's coordinator counts their own.
    expect((await figures(USERS.manager)).noMeithealNeeded).toBe(countedBefore.noMeithealNeeded + 1);
    expect(await figures(OTHER_COORDINATOR)).toMatchObject({ areaId: OTHER_COORDINATOR.areaId, total: 0 });
  });

  it("a case opened from a checklist is for the checklist's child, and its request carries the checklist as its baseline", async () => {
    const ratings = sampleChecklist().ratings.map((r) => ({ ...r, reason: `${r.reason} (Éabha)` }));
    const id = await made(USERS.lead, { childName: 'Éabha Ní Bhriain', ratings, completedWith: 'both' });
    const open = async (child: string) =>
      h.http
        .post('/cases')
        .auth(await h.token(USERS.lead), { type: 'bearer' })
        .send({ ...caseBody(), preRequestChecklistId: id, child: { name: child, dateOfBirth: '2018-09-21' } });
    const before = await counts();
    const other = await open('Totally Other Child');
    expect({ status: other.status, errors: other.body.errors }).toEqual({
      status: 400,
      errors: [
        {
          field: 'preRequestChecklistId',
          problems: [
            "preRequestChecklistId names a checklist made for 'Éabha Ní Bhriain', but this case is for 'Totally Other Child': link the checklist made for this child (GET /pre-request-checklists lists yours), or make one for them (names are compared without regard to case, spacing or fadas)",
          ],
        },
      ],
    });
    expect(await counts()).toEqual(before);
    expect((await get(h, `/pre-request-checklists/${id}`, USERS.lead)).body).toMatchObject({ linked: false, caseId: null });

    // The same child typed without fadas (and in another case) is the checklist's child.
    const opened = await open('EABHA NI BHRIAIN');
    expect(opened.status).toBe(201);
    const baseline = { ratings, completedWithParent: true, completedWithChild: true };
    expect(opened.body.record.request.preRequestChecklist).toEqual(baseline);
    // Details recorded without a checklist keep the linked one; the submitted Request for Support shows it.
    const { preRequestChecklist: _own, ...details } = sampleEvent('RECORD_REQUEST_DETAILS');
    expect((await send(h, opened.body.id, details, USERS.lead)).status).toBe(200);
    await drive(h, opened.body.id, journeyTo('request.submitted', USERS.lead).filter((step) => step.event.type !== 'RECORD_REQUEST_DETAILS'));
    const record = (await get(h, `/cases/${opened.body.id}`, USERS.lead)).body.record;
    expect(record.request.preRequestChecklist).toEqual(baseline);
    const documents = (await get(h, `/cases/${opened.body.id}/documents`, USERS.lead)).body.items as Array<{ id: string; kind: string }>;
    const request = documents.filter((d) => d.kind === 'requestForSupport').at(-1);
    const html = (await get(h, `/documents/${request?.id}`, USERS.lead)).text;
    expect(html).not.toContain('No pre-request checklist was completed.');
    expect(html).toContain('Plays football; sleeps badly. (Éabha)');
  });

  it('every national outcome is rated exactly once, 1 to 3, with a reason; bad input writes nothing', async () => {
    const before = await counts();
    const problems = async (body: unknown) => {
      const res = await make(USERS.lead, body);
      expect(res.status).toBe(400);
      return res.body.errors;
    };
    const ratings = sampleChecklist().ratings;
    const IRELAND = "Ireland's national outcomes for children (Better Outcomes, Brighter Futures) (ireland-national-outcomes)";
    expect(await problems(sampleChecklist({ ratings: ratings.slice(0, 3) }))).toEqual([
      { field: 'ratings', problems: [`ratings must rate every outcome of ${IRELAND}, each once: economicSecurity, connectedRespectedContributing are not rated`] },
    ]);
    const twice = [...ratings.slice(0, 4), { ...ratings[0], reason: 'again' }];
    expect(await problems(sampleChecklist({ ratings: twice as never }))).toEqual([{ field: 'ratings', problems: ['ratings has outcome "activeAndHealthy" more than once; each outcome may appear once'] }]);
    expect(await problems(sampleChecklist({ ratings: [...ratings, ratings[0]] as never }))).toEqual([{ field: 'ratings', problems: ['ratings has outcome "activeAndHealthy" more than once; each outcome may appear once'] }]);
    expect(await problems(sampleChecklist({ ratings: ratings.map((r, i) => (i === 2 ? { ...r, rating: 4 } : r)) as never }))).toEqual([
      { field: 'ratings.2.rating', problems: [`ratings.2.rating is 4, off the scale of ${IRELAND}: rate from 1 (little progress) to 3 (on target)`] },
    ]);
    expect(await problems(sampleChecklist({ ratings: ratings.map((r, i) => (i === 0 ? { ...r, outcome: 'safe' } : r)) as never }))).toEqual([
      {
        field: 'ratings.0.outcome',
        problems: [`ratings.0.outcome is "safe", which is not an outcome of ${IRELAND}, the framework this is rated on: use one of activeAndHealthy, achievingFullPotential, safeAndProtected, economicSecurity, connectedRespectedContributing`],
      },
      { field: 'ratings', problems: [`ratings must rate every outcome of ${IRELAND}, each once: activeAndHealthy is not rated`] },
    ]);
    expect(await problems(sampleChecklist({ ratings: ratings.map((r, i) => (i === 1 ? { outcome: r.outcome, rating: r.rating } : r)) as never }))).toEqual([
      { field: 'ratings.1.reason', problems: ['reason is required (text of at most 2000 characters)'] },
    ]);
    expect(await problems(sampleChecklist({ completedWith: 'teacher' as never }))).toEqual([{ field: 'completedWith', problems: ['completedWith must be one of parent, child, both'] }]);
    expect(await counts()).toEqual(before);
  });

  it("'no Meitheal needed' says what was done instead; a request for support does not", async () => {
    const missing = await make(USERS.lead, sampleChecklist({ outcome: 'noMeithealNeeded' }));
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toEqual([{ field: 'actionTaken', problems: ['actionTaken is required when the outcome is noMeithealNeeded: say what was done instead (e.g. a referral to one service)'] }]);
    const extra = await make(USERS.lead, sampleChecklist({ actionTaken: 'Nothing.' }));
    expect(extra.status).toBe(400);
    expect(extra.body.errors).toEqual([{ field: 'actionTaken', problems: ['actionTaken is only for a checklist whose outcome is noMeithealNeeded: leave it out for a request for support'] }]);
  });

  it('is made by those who make requests, in their own area (403 otherwise)', async () => {
    expect((await make(USERS.agency, sampleChecklist())).status).toBe(403);
    expect((await make(USERS.manager, sampleChecklist())).status).toBe(403);
    const elsewhere = await make(USERS.lead, sampleChecklist({ areaId: OTHER_COORDINATOR.areaId }));
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.detail).toBe('You may make pre-request checklists only in your own area (dublin-south-central).');
  });

  it('a checklist is seen by who made it and the coordinators of its area; anyone else is answered 404, as for one that does not exist', async () => {
    const id = await made(USERS.lead, { childName: 'Only For Some' });
    expect((await get(h, `/pre-request-checklists/${id}`, USERS.lead)).status).toBe(200);
    expect((await get(h, `/pre-request-checklists/${id}`, USERS.coordinator)).status).toBe(200);
    for (const who of [USERS.otherLead, OTHER_COORDINATOR, GALWAY_LEAD]) {
      const res = await get(h, `/pre-request-checklists/${id}`, who);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Only For Some');
    }
    for (const who of [USERS.agency, USERS.dlp, USERS.manager]) expect((await get(h, `/pre-request-checklists/${id}`, who)).status).toBe(403);
    const listed = async (who: string | Actor) => ((await get(h, '/pre-request-checklists?limit=100', who)).body.items as { id: string }[]).map((k) => k.id);
    expect(await listed(USERS.lead)).toContain(id);
    expect(await listed(USERS.coordinator)).toContain(id);
    expect(await listed(USERS.otherLead)).not.toContain(id);
    expect(await listed(OTHER_COORDINATOR)).not.toContain(id);
  });

  it('a request for support is linked when its case is opened, only by someone who may see the checklist; the case keeps working without one', async () => {
    const id = await made(USERS.lead, { childName: 'Seán Murphy' });
    const before = await counts();
    const byOther = await h.http.post('/cases').auth(await h.token(USERS.otherLead), { type: 'bearer' }).send({ ...caseBody(), leadPractitionerId: USERS.otherLead, preRequestChecklistId: id });
    expect(byOther.status).toBe(400);
    expect(byOther.body.errors).toEqual([{ field: 'preRequestChecklistId', problems: ['preRequestChecklistId does not name a pre-request checklist of area dublin-south-central that you can see (GET /pre-request-checklists lists yours)'] }]);
    expect(await counts()).toEqual(before);

    const opened = await openCase(h, USERS.lead, { preRequestChecklistId: id });
    expect(opened.body['preRequestChecklistId']).toBe(id);
    expect((await get(h, `/cases/${opened.id}`, USERS.coordinator)).body.preRequestChecklistId).toBe(id);
    const checklist = (await get(h, `/pre-request-checklists/${id}`, USERS.lead)).body;
    expect(checklist).toMatchObject({ linked: true, caseId: opened.id, linkedAt: h.clock.now().toISOString() });
    const [first] = (await get(h, `/cases/${opened.id}/history`, USERS.lead)).body.events;
    expect(first).toMatchObject({ eventType: 'OPEN_CASE', data: { attributes: { preRequestChecklistId: id } } });

    const again = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send({ ...caseBody(), preRequestChecklistId: id });
    expect(again.status).toBe(400);
    expect(again.body.errors[0].problems).toEqual(['preRequestChecklistId names a checklist already linked to another case: a checklist leads to one request for support']);
    const noMeitheal = await made(USERS.lead, NO_MEITHEAL);
    const refused = await h.http.post('/cases').auth(await h.token(USERS.lead), { type: 'bearer' }).send({ ...caseBody(), preRequestChecklistId: noMeitheal });
    expect(refused.status).toBe(400);
    expect(refused.body.errors[0].problems[0]).toMatch(/^preRequestChecklistId names a checklist whose outcome was that no Meitheal is needed/);

    const without = await openCase(h);
    expect(without.body['preRequestChecklistId']).toBeNull();
  });

  it('an invited agency practitioner reads the case, not the checklist it came from: not even its id', async () => {
    const id = await made(USERS.lead, { childName: 'Invited Agency Case' });
    const opened = await openCase(h, USERS.lead, { preRequestChecklistId: id, child: { name: 'Invited Agency Case', dateOfBirth: '2018-09-21' } });
    await drive(h, opened.id, journeyTo('meeting.invited', USERS.lead));
    const seen = await get(h, `/cases/${opened.id}`, USERS.agency);
    expect(seen.status).toBe(200);
    expect(seen.body.preRequestChecklistId).toBeNull();
    expect(JSON.stringify(seen.body)).not.toContain(id);
    expect((await get(h, `/pre-request-checklists/${id}`, USERS.agency)).status).toBe(403);
  });

  it('the lead of the case a checklist led to sees it, though a coordinator made it; its maker sees the case it led to only if they may see that case', async () => {
    const byCoordinator = await made(USERS.coordinator, { childName: 'Led By Aoife' });
    const opened = await openCase(h, USERS.coordinator, { leadPractitionerId: USERS.lead, preRequestChecklistId: byCoordinator, child: { name: 'Led By Aoife', dateOfBirth: '2018-09-21' } });
    expect((await get(h, `/pre-request-checklists/${byCoordinator}`, USERS.lead)).body).toMatchObject({ linked: true, caseId: opened.id });
    expect((await get(h, `/pre-request-checklists/${byCoordinator}`, USERS.otherLead)).status).toBe(404);

    // Aoife's checklist, linked by the coordinator to a case Ciarán leads: Aoife still sees her checklist, not which case it led to.
    const byLead = await made(USERS.lead, { childName: 'Led By Ciarán' });
    const other = await openCase(h, USERS.coordinator, { leadPractitionerId: USERS.otherLead, preRequestChecklistId: byLead, child: { name: 'Led By Ciarán', dateOfBirth: '2018-09-21' } });
    const seenByMaker = await get(h, `/pre-request-checklists/${byLead}`, USERS.lead);
    expect(seenByMaker.body).toMatchObject({ linked: true, caseId: null });
    expect(seenByMaker.text).not.toContain(other.id);
    expect((await get(h, `/pre-request-checklists/${byLead}`, USERS.otherLead)).body).toMatchObject({ caseId: other.id });
  });

  it('every making, reading, listing and linking of a checklist is recorded: who, when, what', async () => {
    const id = await made(USERS.lead);
    await get(h, `/pre-request-checklists/${id}`, USERS.coordinator);
    await get(h, '/pre-request-checklists?limit=100', USERS.lead);
    await get(h, `/pre-request-checklists/${id}`, USERS.otherLead);
    const opened = await openCase(h, USERS.lead, { preRequestChecklistId: id });
    const events = await new PreRequestChecklistStore(h.dataSource.manager).listEvents(id);
    expect(events.map(({ actorId, actorRole, what, caseId }) => ({ actorId, actorRole, what, caseId }))).toEqual([
      { actorId: USERS.lead, actorRole: 'leadPractitioner', what: 'made', caseId: null },
      { actorId: USERS.coordinator, actorRole: 'coordinator', what: 'read', caseId: null },
      { actorId: USERS.lead, actorRole: 'leadPractitioner', what: 'listed', caseId: null },
      // The refused read of another lead left no trace; the link names its case.
      { actorId: USERS.lead, actorRole: 'leadPractitioner', what: 'linked', caseId: opened.id },
    ]);
    expect(events.every((e) => e.requestId !== null)).toBe(true);
  });

  it('a checklist is kept as made: never edited or deleted, only linked once', async () => {
    const id = await made(USERS.lead);
    await expect(h.dataSource.query(`UPDATE pre_request_checklists SET outcome = 'noMeithealNeeded', action_taken = 'x' WHERE id = $1`, [id])).rejects.toThrow(/kept as made/);
    await expect(h.dataSource.query(`DELETE FROM pre_request_checklists WHERE id = $1`, [id])).rejects.toThrow(/kept as made/);
    await expect(h.dataSource.query(`DELETE FROM pre_request_checklist_events WHERE checklist_id = $1`, [id])).rejects.toThrow(/append-only/);
  });

  it('a retry with the same Idempotency-Key answers the checklist the first request made', async () => {
    const before = await counts();
    const first = await make(USERS.lead, sampleChecklist({ childName: 'Retried' }), { 'Idempotency-Key': 'checklist-retry-1' });
    const retry = await make(USERS.lead, sampleChecklist({ childName: 'Retried' }), { 'Idempotency-Key': 'checklist-retry-1' });
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect((await counts()).checklists).toBe(before.checklists + 1);
    expect((await make(USERS.lead, sampleChecklist({ childName: 'Another' }), { 'Idempotency-Key': 'checklist-retry-1' })).status).toBe(422);
  });

  it('the list comes a page at a time, newest first, with a cursor no other list accepts', async () => {
    const ids = [await made(USERS.otherLead, { childName: 'Page One' }), await made(USERS.otherLead, { childName: 'Page Two' })];
    h.clock.advance(1000);
    ids.push(await made(USERS.otherLead, { childName: 'Page Three' }));
    const first = await get(h, '/pre-request-checklists?limit=2', USERS.otherLead);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].id).toBe(ids[2]);
    const rest = await get(h, `/pre-request-checklists?limit=100&cursor=${encodeURIComponent(first.body.nextCursor)}`, USERS.otherLead);
    const all = [...first.body.items, ...rest.body.items].map((k: { id: string }) => k.id);
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual(expect.arrayContaining(ids));
    const casesCursor = (await get(h, '/cases?limit=1', USERS.coordinator)).body.nextCursor;
    expect((await get(h, `/pre-request-checklists?cursor=${encodeURIComponent(casesCursor)}`, USERS.otherLead)).status).toBe(400);
  });
});
