/**
 * The contact log over HTTP (domain.md "The unit of work"): who logs a contact with the family,
 * what a contact must say (when, how, with whom: members of this family), where the log is read
 * (the case's history), and the "no contact with the family for 4 weeks" alert: restarted at each
 * contact from the day it took place, and telling the coordinator when it fires.
 */
import { TimerWorker } from '@tacu/engine';
import { WEEK } from '@tacu/testing';
import { ENGINE, journeyTo, sampleEvent } from './support/api';
import { drive, get, openCase, send, startHarness, USERS, type Harness } from './support/harness';

type Deadline = { name: string | null; dueAt: string; dueOn: string; passed: boolean };

describe('the contact log and the no-contact alert', () => {
  let h: Harness;
  let worker: TimerWorker;
  beforeAll(async () => {
    h = await startHarness();
    worker = new TimerWorker({ dataSource: h.dataSource, engine: h.app.get(ENGINE), clock: h.clock });
  });
  afterAll(() => h.close());
  afterEach(() => h.clock.set('2026-03-02T09:00:00.000Z'));

  const noContactAlert = async (id: string): Promise<Deadline | undefined> =>
    ((await get(h, `/cases/${id}`, USERS.lead)).body.deadlines as Deadline[]).find((d) => d.name === 'noContactWithFamily');
  const alerts = async (id: string) =>
    (await h.dataSource.query(`SELECT payload FROM outbox WHERE case_id = $1 AND kind = 'notify' AND payload->>'about' = 'noContactWithFamily'`, [id])).map(
      (r: { payload: unknown }) => r.payload,
    );

  it('the lead logs a contact with the family: the history holds the entry and names who made it; the alert counts again from the contact', async () => {
    const { id, body } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    // Registered on Monday 2 March 2026: 4 weeks later, the end of Monday 30 March (Irish summer time from 29 March).
    expect(await noContactAlert(id)).toEqual({ name: 'noContactWithFamily', dueAt: '2026-03-30T23:00:00.000Z', dueOn: '2026-03-30', passed: false });

    const mother = (body['familyMembers'] as { id: string; relationship: string; name: string }[]).find((m) => m.relationship === 'mother');
    h.clock.set('2026-03-10T12:00:00.000Z');
    const contact = { ...sampleEvent('RECORD_CONTACT'), contactedOn: '2026-03-10T10:30:00Z', with: [{ name: 'Siobhán Murphy', personId: mother?.id }] };
    const logged = await send(h, id, contact, USERS.lead);
    expect(logged.status).toBe(200);
    expect(logged.body.state).toBe('assessment.inProgress');
    // Tuesday 10 March + 4 weeks: the end of Tuesday 7 April.
    expect(await noContactAlert(id)).toEqual({ name: 'noContactWithFamily', dueAt: '2026-04-07T23:00:00.000Z', dueOn: '2026-04-07', passed: false });
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.record.lastContactWithFamilyAt).toBe('2026-03-10T10:30:00Z');

    const entry = (await get(h, `/cases/${id}/history`, USERS.lead)).body.events.at(-1);
    expect(entry).toMatchObject({
      eventType: 'RECORD_CONTACT',
      actor: { id: USERS.lead, role: 'leadPractitioner' },
      data: { contactedOn: '2026-03-10T10:30:00Z', method: 'homeVisit', with: [{ name: 'Siobhán Murphy', personId: mother?.id }], note: contact.note },
    });
  });

  it('4 weeks without a contact alert the coordinator once; the next contact starts the count again', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.proposed', USERS.lead));
    const before = await get(h, `/cases/${id}`, USERS.lead);
    h.clock.set('2026-03-30T23:00:01.000Z');
    await worker.runDue({ caseIds: [id] });
    expect(await alerts(id)).toEqual([{ to: 'coordinator', about: 'noContactWithFamily' }]);
    const after = await get(h, `/cases/${id}`, USERS.lead);
    // An alert only: the stage and its due date are as they were (the meeting's own deadline has passed meanwhile).
    expect(after.body).toMatchObject({ state: 'meeting.proposed', dueAt: before.body.dueAt });
    expect((after.body.deadlines as Deadline[]).find((d) => d.name === 'noContactWithFamily')).toMatchObject({ passed: true });
    h.clock.advance(WEEK);
    await worker.runDue({ caseIds: [id] });
    expect(await alerts(id)).toHaveLength(1);

    expect(h.clock.now().toISOString()).toBe('2026-04-06T23:00:01.000Z');
    expect((await send(h, id, { ...sampleEvent('RECORD_CONTACT'), method: 'phone', contactedOn: '2026-04-06T10:00:00Z' }, USERS.lead)).status).toBe(200);
    // Monday 6 April + 4 weeks: the end of Monday 4 May.
    expect(await noContactAlert(id)).toEqual({ name: 'noContactWithFamily', dueAt: '2026-05-04T23:00:00.000Z', dueOn: '2026-05-04', passed: false });
  });

  it('a contact logged late, dated before the latest, is kept in the log and leaves the alert where it was', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    h.clock.set('2026-03-20T12:00:00.000Z');
    await send(h, id, { ...sampleEvent('RECORD_CONTACT'), contactedOn: '2026-03-19T12:00:00Z' }, USERS.lead);
    const before = await noContactAlert(id);
    const late = await send(h, id, { ...sampleEvent('RECORD_CONTACT'), contactedOn: '2026-03-05T12:00:00Z', method: 'officeVisit' }, USERS.lead);
    expect(late.status).toBe(200);
    expect(await noContactAlert(id)).toEqual(before);
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.record.lastContactWithFamilyAt).toBe('2026-03-19T12:00:00Z');
  });

  it('an invited agency practitioner logs their own contacts; the coordinator and the liaison person do not', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('meeting.invited', USERS.lead));
    const visit = { ...sampleEvent('RECORD_CONTACT'), method: 'homeVisit', note: 'Public health nurse visit: weight and sleep check.' };
    const logged = await send(h, id, visit, USERS.agency);
    expect(logged.status).toBe(200);
    expect((await get(h, `/cases/${id}/history`, USERS.lead)).body.events.at(-1)).toMatchObject({ eventType: 'RECORD_CONTACT', actor: { id: USERS.agency, role: 'agencyPractitioner' } });
    const coordinator = await send(h, id, visit, USERS.coordinator);
    expect(coordinator.status).toBe(403);
    expect(coordinator.body).toMatchObject({ code: 'ROLE_NOT_PERMITTED', permittedRoles: ['leadPractitioner', 'agencyPractitioner'] });
  });

  it('refuses, with 400 and nothing written, a contact in the future, before the case opened, with someone not of this family, without anyone, or naming who made it', async () => {
    const { id } = await openCase(h);
    await drive(h, id, journeyTo('assessment.inProgress', USERS.lead));
    const versionBefore = (await get(h, `/cases/${id}`, USERS.lead)).body.version;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ contactedOn: '2026-03-03T10:00:00Z' }, 'contactedOn', /^contactedOn is 2026-03-03, after today \(2026-03-02 in Europe\/Dublin\): record a contact once it has taken place/],
      [{ contactedOn: '2026-03-02T15:00:00Z' }, 'contactedOn', /later than now/],
      [{ contactedOn: '2026-03-01T10:00:00Z' }, 'contactedOn', /^contactedOn is 2026-03-01, before 2026-03-02: the contact log of this case starts on the day the case opened/],
      [{ contactedOn: '2026-03-02T08:30:00' }, 'contactedOn', /has no time zone/],
      [{ with: [{ name: 'Orla Nolan', personId: USERS.agency }] }, 'with.0', /^with\.0 names nobody of this family: a contact is with members of the family/],
      [{ with: [] }, 'with', /^with needs at least 1 item/],
      [{ method: 'carrierPigeon' }, 'method', /^method must be one of homeVisit, officeVisit, phone, videoCall, message, letter, meeting/],
      [{ by: { name: 'Someone else' } }, 'by', /^property by should not exist/],
    ];
    for (const [change, field, problem] of cases) {
      const res = await send(h, id, { ...sampleEvent('RECORD_CONTACT'), ...change }, USERS.lead);
      expect({ change, status: res.status }).toEqual({ change, status: 400 });
      expect(res.body.errors).toEqual([{ field, problems: [expect.stringMatching(problem)] }]);
    }
    expect((await get(h, `/cases/${id}`, USERS.lead)).body.version).toBe(versionBefore);
  });
});
