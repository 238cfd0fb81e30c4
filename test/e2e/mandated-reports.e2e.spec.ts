/**
 * Children First (Children First Act 2015, s. 14; Children First: National Guidance 2017, ch. 3)
 * over HTTP: a mandated person on the case reports to the statutory service directly, alone or
 * jointly, and the record says who (from the token, never the body); after a phone report only
 * the written report follows; an invited agency practitioner who reports reads their own report,
 * not the concern; the designated liaison person keeps their record of a concern once it is over.
 */
import { ParticipantStore, PeopleStore } from '@tacu/persistence';
import { journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

const AREA = 'dublin-south-central';
const SECOND_DLP = { id: 'u-dlp-0002', role: 'designatedLiaisonPerson' as const, areaId: AREA, name: 'Gráinne Hayes' };

describe('Children First: who reports, and who reads the report', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await h.dataSource.transaction((manager) =>
      new PeopleStore(manager).upsertUser({ id: SECOND_DLP.id, areaId: AREA, role: SECOND_DLP.role, displayName: SECOND_DLP.name, agency: 'Scoil Bhríde National School' }),
    );
  });
  afterAll(() => h.close());

  async function concernRaisedIn(state: string): Promise<string> {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo(state, USERS.lead));
    expect((await send(h, id, sampleEvent('RAISE_CONCERN'), USERS.lead)).body.state).toBe('escalation.raised');
    return id;
  }
  const notices = async (id: string) =>
    (await h.dataSource.query(`SELECT payload FROM outbox WHERE case_id = $1 AND kind = 'notify' ORDER BY id`, [id])).map((r: { payload: unknown }) => r.payload);

  it('the lead practitioner, a mandated person, reports directly without the liaison person, jointly, with the statutory reference; the record names the lead', async () => {
    const id = await concernRaisedIn('assessment.inProgress');
    const direct = {
      ...sampleEvent('SUBMIT_REPORT'),
      statutoryReference: 'TUS-2026-004512',
      jointReport: true,
      jointReporter: { name: 'Patrick Ryan', personId: USERS.dlp },
    };

    // Who reported is the signed-in user: a reporter in the body is refused, not taken.
    const claimed = await send(h, id, { ...direct, reporter: { id: USERS.otherLead, role: 'leadPractitioner' } }, USERS.lead);
    expect(claimed.status).toBe(400);
    expect(claimed.body.errors).toEqual([{ field: 'reporter', problems: ['property reporter should not exist'] }]);
    // A joint report names the other reporter, who is someone else, and someone who may be named here.
    const noOther = await send(h, id, { ...direct, jointReporter: undefined }, USERS.lead);
    expect(noOther.status).toBe(400);
    expect(noOther.body.errors).toEqual([{ field: 'jointReporter', problems: ['jointReporter is required when jointReport is true: name the other person who made the report with you'] }]);
    const self = await send(h, id, { ...direct, jointReporter: { name: 'Aoife Byrne', personId: USERS.lead } }, USERS.lead);
    expect(self.status).toBe(422);
    expect(self.body.reasons).toEqual([expect.stringMatching(/^The joint reporter named is you/)]);
    const stranger = await send(h, id, { ...direct, jointReporter: { name: 'Nobody', personId: 'u-nobody' } }, USERS.lead);
    expect(stranger.status).toBe(400);
    expect(stranger.body.errors[0].problems[0]).toMatch(/^jointReporter names nobody known here: give the id of a practitioner of the area, or give the name alone/);

    const reported = await send(h, id, direct, USERS.lead);
    expect(reported.status).toBe(200);
    expect(reported.body).toMatchObject({ state: 'escalation.reported.inWriting', status: 'onHold' });

    const read = await get(h, `/cases/${id}`, USERS.lead);
    const [concern] = read.body.record.concerns;
    expect(concern.liaison).toBeNull();
    expect(concern.reports).toEqual([
      {
        statutoryService: direct.statutoryService,
        method: 'portal',
        statutoryReference: 'TUS-2026-004512',
        jointReport: true,
        jointReporter: { name: 'Patrick Ryan', personId: USERS.dlp },
        parentsInformed: true,
        at: '2026-03-02T09:00:00.000Z',
        reporter: { id: USERS.lead, role: 'leadPractitioner' },
      },
    ]);
    // The liaison person is told, and takes it from there: the acknowledgement and the outcome are theirs.
    expect(await notices(id)).toContainEqual({ to: 'designatedLiaisonPerson', about: 'SUBMIT_REPORT' });
    expect((await get(h, `/cases/${id}`, USERS.dlp)).body.allowedEvents).toEqual(expect.arrayContaining(['ACKNOWLEDGE_REPORT']));
    const history = (await get(h, `/cases/${id}/history`, USERS.lead)).body.events;
    expect(history.at(-1)).toMatchObject({ eventType: 'SUBMIT_REPORT', actor: { id: USERS.lead, role: 'leadPractitioner' }, fromState: 'escalation.raised' });
  });

  it('after a phone report, a second phone report is refused with the reason; the written report completes the reporting', async () => {
    const id = await concernRaisedIn('meeting.proposed');
    const phone = { ...sampleEvent('SUBMIT_REPORT'), method: 'phone', statutoryReference: undefined };
    expect((await send(h, id, phone, USERS.lead)).body.state).toBe('escalation.reported.phoned');
    const again = await send(h, id, phone, USERS.lead);
    expect(again.status).toBe(422);
    expect(again.body).toMatchObject({
      code: 'GUARD_FAILED',
      reasons: ['The report was already made by phone: what follows it is the written report, on the report form or through the portal (method "written" or "portal"), within 3 days of the call.'],
    });
    const written = await send(h, id, { ...phone, method: 'written' }, USERS.dlp);
    expect(written.body.state).toBe('escalation.reported.inWriting');
    const reports = (await get(h, `/cases/${id}`, USERS.lead)).body.record.concerns[0].reports;
    expect(reports.map((r: { method: string; reporter: { id: string } }) => [r.method, r.reporter.id])).toEqual([
      ['phone', USERS.lead],
      ['written', USERS.dlp],
    ]);
  });

  it('an invited agency practitioner who reports directly reads their own report, never the concern they were not told', async () => {
    const id = await concernRaisedIn('meeting.invited');
    const observed = sampleEvent('RAISE_CONCERN').observed;
    const own = { ...sampleEvent('SUBMIT_REPORT'), statutoryService: 'Tusla Social Work, Dublin South Central (PHN report)' };
    const reported = await send(h, id, own, USERS.agency);
    expect(reported.status).toBe(200);
    expect(reported.body.state).toBe('escalation.reported.inWriting');

    const seen = await get(h, `/cases/${id}`, USERS.agency);
    expect(seen.body.record).not.toHaveProperty('concerns');
    const history = (await get(h, `/cases/${id}/history`, USERS.agency)).body.events as { eventType: string; data: Record<string, unknown>; withheld?: boolean }[];
    expect(history.find((e) => e.eventType === 'RAISE_CONCERN')).toMatchObject({ data: {}, withheld: true });
    expect(history.find((e) => e.eventType === 'SUBMIT_REPORT')).toMatchObject({ data: { statutoryService: own.statutoryService, jointReport: false } });
    expect(JSON.stringify([seen.body, history])).not.toContain(observed);
    // The lead reads who reported.
    const lead = await get(h, `/cases/${id}`, USERS.lead);
    expect(lead.body.record.concerns[0].reports[0].reporter).toEqual({ id: USERS.agency, role: 'agencyPractitioner' });
  });

  it('the designated liaison person who handled a concern keeps reading their record of it once it is over, and only that; another liaison person does not', async () => {
    const id = await concernRaisedIn('assessment.inProgress');
    const observed = sampleEvent('RAISE_CONCERN').observed;
    for (const [event, as] of [
      [sampleEvent('CONSULT_LIAISON'), USERS.lead],
      [sampleEvent('SUBMIT_REPORT'), USERS.dlp],
      [sampleEvent('ACKNOWLEDGE_REPORT'), USERS.dlp],
    ] as const) {
      expect((await send(h, id, event, as)).status).toBe(200);
    }
    // While the concern is open, every liaison person of the area sees the case.
    expect((await get(h, `/cases/${id}`, SECOND_DLP)).status).toBe(200);
    const outcome = await send(h, id, sampleEvent('RECORD_CONCERN_OUTCOME'), USERS.dlp);
    expect(outcome.body).toMatchObject({ state: 'assessment.inProgress', status: 'active' });

    expect((await get(h, `/cases/${id}`, SECOND_DLP)).status).toBe(404);
    const seen = await get(h, `/cases/${id}`, USERS.dlp);
    expect(seen.status).toBe(200);
    expect(Object.keys(seen.body.record)).toEqual(['concerns']);
    expect(seen.body.record.concerns[0]).toMatchObject({ observed, status: 'closed', outcome: { outcome: 'returnToEarlyIntervention', by: { id: USERS.dlp, role: 'designatedLiaisonPerson' } } });
    expect(seen.body.allowedEvents).toEqual(['RAISE_CONCERN']);
    const history = (await get(h, `/cases/${id}/history`, USERS.dlp)).body.events as { eventType: string; withheld?: boolean }[];
    expect(history.filter((e) => !e.withheld).map((e) => e.eventType)).toEqual(['RAISE_CONCERN', 'CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME']);
    expect(history.filter((e) => e.withheld).map((e) => e.eventType)).toEqual(['OPEN_CASE', ...journeyTo('assessment.inProgress', USERS.lead).map((s) => s.event.type)]);
    expect((await get(h, '/cases?limit=100', USERS.dlp)).body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(await new ParticipantStore(h.dataSource.manager).list(id)).toContainEqual({ userId: USERS.dlp, kind: 'liaison' });

    // Closed (the family withdrew consent): still their record of the concern.
    expect((await send(h, id, sampleEvent('WITHDRAW_CONSENT'), USERS.lead)).body.status).toBe('closed');
    const closed = await get(h, `/cases/${id}`, USERS.dlp);
    expect(closed.status).toBe(200);
    expect(Object.keys(closed.body.record)).toEqual(['concerns']);
  });
});
