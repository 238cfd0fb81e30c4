/**
 * Holidays are facts: a calendar change moves the open deadlines it falls inside, through the
 * engine, one audited case change each. Stage lengths are policy: a running stage keeps its
 * length. On a real database (PGlite under `npm test`, the server under `npm run test:server`);
 * each test works in an organisation of its own, so tests sharing the server database never
 * see each other's calendars.
 */
import { randomUUID } from 'node:crypto';
import { DEFAULT_DEADLINE_POLICY, DomainError, DomainErrorCode, mergeDeadlinePolicy, type Actor, type DeadlinePolicy } from '@tacu/domain';
import { AuditStore, CaseStore, OrganisationStore, PeopleStore, TimerStore, type TacuDataSource } from '@tacu/persistence';
import { WORKFLOWS } from '@tacu/workflows';
// eslint-disable-next-line @nx/enforce-module-boundaries -- medium tests share the test database helpers
import { actor, createTestDataSource, FixedClock } from '@tacu/testing';
import { createEngine, DEADLINES_RECALCULATED, type WorkflowEngine } from '../engine';
import { CalendarChanges } from './calendar-changes';
import { holidaySourceOf } from './working-calendars';

let ds: TacuDataSource;
const clock = new FixedClock('2026-11-23T09:00:00.000Z'); // Monday, Dublin on GMT
let engine: WorkflowEngine;
let changes: CalendarChanges;
const lead = actor('leadPractitioner');
const coordinator = actor('coordinator');

const IRELAND = { country: 'IE', region: null, timeZone: 'Europe/Dublin', substituteDays: 'nextWeekday' as const };

beforeAll(async () => {
  ds = await createTestDataSource();
  engine = createEngine({ dataSource: ds, workflows: WORKFLOWS, clock });
  changes = new CalendarChanges({ dataSource: ds, engine, clock });
});

afterAll(async () => {
  await ds?.destroy();
});

beforeEach(() => {
  clock.set('2026-11-23T09:00:00.000Z');
});

/** A new organisation (Ireland, Dublin) with one area; its open deadlines are counted with the current library. */
async function newOrganisation(settings = IRELAND): Promise<{ organisationId: string; areaId: string }> {
  const organisationId = `org-${randomUUID()}`;
  const areaId = `area-${randomUUID()}`;
  await ds.transaction(async (manager) => {
    const store = new OrganisationStore(manager);
    await store.upsert({ id: organisationId, name: 'Cork Family Support', ...settings });
    await store.setHolidaySource(organisationId, holidaySourceOf(settings));
    await new PeopleStore(manager).upsertArea({ id: areaId, name: 'Cork City North' });
    await store.assignArea(areaId, organisationId);
  });
  return { organisationId, areaId };
}

const REQUEST_STEPS = [
  { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Mornings are hard and school attendance has dropped.' },
  { type: 'REQUEST_CONSENT' },
  {
    type: 'RECORD_CONSENT',
    givenBy: { name: 'Parent A', hasParentalResponsibility: true },
    scopes: { takePart: true, keepRecords: true, shareWithAgencies: [] },
    youngPersonConsent: { given: false, reasonNotSought: 'The child is six.' },
    signedOn: '2026-11-20',
  },
];

async function openCase(areaId: string, on: WorkflowEngine = engine): Promise<string> {
  const caseId = randomUUID();
  await on.open({ workflowId: 'case', caseId, input: { caseId, leadPractitionerId: lead.id, origin: 'school' }, attributes: { areaId }, actor: lead });
  for (const event of REQUEST_STEPS) await on.send({ caseId, event, actor: lead });
  return caseId;
}

async function submittedCase(areaId: string, on: WorkflowEngine = engine): Promise<string> {
  const caseId = await openCase(areaId, on);
  await on.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead });
  return caseId;
}

async function caseRow(caseId: string) {
  const row = await new CaseStore(ds.manager).find(caseId);
  if (!row) throw new Error(`no case ${caseId}`);
  return row;
}

async function pendingDue(caseId: string, delayName: string): Promise<string[]> {
  return (await new TimerStore(ds.manager).listPending(caseId)).filter((t) => t.delayName === delayName).map((t) => t.dueAt.toISOString());
}

describe('a closure day moves the open deadlines it falls inside', () => {
  it('moves the timer and the due date, as a case change: version + 1 and a DEADLINES_RECALCULATED audit event naming old and new due instants', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    const before = await caseRow(caseId);
    // 5 working days from Monday 23 November 2026: the end of Monday 30 November.
    expect(before.dueAt?.toISOString()).toBe('2026-12-01T00:00:00.000Z');

    clock.set('2026-11-24T15:00:00.000Z');
    const requestId = `req-${randomUUID()}`;
    const result = await changes.addClosureDay({ organisationId, date: '2026-11-25', name: 'Staff training day', actor: { ...coordinator, areaId }, requestId });
    expect(result).toEqual({ added: true, recount: { changes: 1, cases: 1, moved: 1, failed: 0 } });

    const after = await caseRow(caseId);
    expect(after.dueAt?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    expect(after.version).toBe(before.version + 1);
    expect(after.state).toBe(before.state);
    expect(await pendingDue(caseId, 'requestRegistration')).toEqual(['2026-12-02T00:00:00.000Z']);

    const audit = await new AuditStore(ds.manager).listForCase(caseId);
    const [change] = await new OrganisationStore(ds.manager).listChanges(organisationId);
    expect(audit.at(-1)).toMatchObject({
      seq: after.version,
      eventType: DEADLINES_RECALCULATED,
      actorId: coordinator.id,
      actorRole: 'coordinator',
      fromState: 'request.submitted',
      toState: 'request.submitted',
      at: new Date('2026-11-24T15:00:00.000Z'),
      data: {
        because: { calendarChange: change.id, kind: 'closureDayAdded', date: '2026-11-25', name: 'Staff training day' },
        timeZone: 'Europe/Dublin',
        moves: [
          {
            deadline: 'requestRegistration',
            stateId: 'case.request.submitted',
            from: '2026-12-01T00:00:00.000Z',
            to: '2026-12-02T00:00:00.000Z',
            fromDay: '2026-11-30',
            toDay: '2026-12-01',
          },
        ],
      },
    });
    expect(await new AuditStore(ds.manager).verifyChain(caseId)).toEqual(expect.objectContaining({ valid: true }));
    expect(change).toMatchObject({ kind: 'closureDayAdded', actorId: coordinator.id, actorRole: 'coordinator', requestId, affectsFrom: new Date('2026-11-25T00:00:00.000Z') });
    expect(change.completedAt).toEqual(new Date('2026-11-24T15:00:00.000Z'));
  });

  it('leaves alone what it does not fall inside: deadlines due before it, other organisations, closed cases, and passed deadlines', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const other = await newOrganisation();
    const dueBefore = await submittedCase(areaId);
    const elsewhere = await submittedCase(other.areaId);
    const closed = await submittedCase(areaId);
    await engine.send({ caseId: closed, event: { type: 'DECLINE_REQUEST', reason: 'Another service fits better.' }, actor: { ...coordinator, areaId } });
    const versions = async () => Promise.all([dueBefore, elsewhere, closed].map(async (id) => (await caseRow(id)).version));
    const was = await versions();

    // Wednesday 2 December 2026 is after every registration deadline (Monday 30 November); the 12-month checks are calendar days.
    const result = await changes.addClosureDay({ organisationId, date: '2026-12-02', name: 'Office move', actor: coordinator });
    // Nothing in working days is due after it (the 12-month checks are in calendar days): no case is even recounted.
    expect(result.recount).toEqual({ changes: 1, cases: 0, moved: 0, failed: 0 });
    expect(await versions()).toEqual(was);
    expect((await caseRow(dueBefore)).dueAt?.toISOString()).toBe('2026-12-01T00:00:00.000Z');

    // A deadline that has passed (its timer fired) is history: a closure day inside it moves nothing.
    clock.set('2026-12-01T00:00:01.000Z');
    await engine.send({ caseId: dueBefore, event: { type: 'xstate.after.requestRegistration.case.request.submitted' }, actor: { id: 'system', role: 'system', areaId: '*' } });
    const overdue = await caseRow(dueBefore);
    expect(overdue.overdue).toBe(true);
    await changes.addClosureDay({ organisationId, date: '2026-11-26', name: 'Retroactive closure', actor: coordinator });
    expect(await caseRow(dueBefore)).toMatchObject({ version: overdue.version, overdue: true });
  });

  it('the same closure day twice: the second adds nothing and moves nothing', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    expect((await changes.addClosureDay({ organisationId, date: '2026-11-25', name: 'Training', actor: coordinator })).added).toBe(true);
    const version = (await caseRow(caseId)).version;
    expect(await changes.addClosureDay({ organisationId, date: '2026-11-25', name: 'Training again', actor: coordinator })).toEqual({
      added: false,
      recount: { changes: 0, cases: 0, moved: 0, failed: 0 },
    });
    expect((await caseRow(caseId)).version).toBe(version);
    expect(await new OrganisationStore(ds.manager).listClosureDays(organisationId)).toEqual([{ date: '2026-11-25', name: 'Training' }]);
  });

  it('a holiday list changed after a case opened applies to it: the next stage counts with it', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await openCase(areaId);
    await changes.addClosureDay({ organisationId, date: '2026-11-25', name: 'Training', actor: coordinator });
    await engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead });
    expect((await caseRow(caseId)).dueAt?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
  });

  it('a recount of a case already on the current calendar writes nothing; a closed case is never recounted; an unknown case is CASE_NOT_FOUND', async () => {
    const { areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    const row = await caseRow(caseId);
    expect(await engine.recalculateDeadlines({ caseId, actor: coordinator, because: { test: true } })).toEqual({ caseId, version: row.version, moves: [] });
    expect((await caseRow(caseId)).version).toBe(row.version);
    await engine.send({ caseId, event: { type: 'DECLINE_REQUEST', reason: 'Not for us.' }, actor: { ...coordinator, areaId } });
    const closed = await caseRow(caseId);
    expect(await engine.recalculateDeadlines({ caseId, actor: coordinator, because: {} })).toEqual({ caseId, version: closed.version, moves: [] });
    const missing = await engine.recalculateDeadlines({ caseId: randomUUID(), actor: coordinator, because: {} }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(DomainError);
    expect((missing as DomainError).code).toBe(DomainErrorCode.CASE_NOT_FOUND);
  });
});

describe('a new holiday library version or changed settings at start-up recount the open deadlines', () => {
  it('a country without St Patrick\'s Day moves a deadline over 17 March 2026 a day earlier', async () => {
    clock.set('2026-03-16T09:00:00.000Z');
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    // 5 working days from Monday 16 March 2026, St Patrick's Day skipped: the end of Tuesday 24 March.
    expect((await caseRow(caseId)).dueAt?.toISOString()).toBe('2026-03-25T00:00:00.000Z');

    await new OrganisationStore(ds.manager).setCalendarSettings(organisationId, { ...IRELAND, country: 'GB', region: 'ENG', timeZone: 'Europe/London' });
    expect(await changes.checkHolidaySources([organisationId])).toBe(1);
    expect(await changes.checkHolidaySources([organisationId])).toBe(0); // recorded once
    expect(await changes.runPending([organisationId])).toEqual({ changes: 1, cases: 1, moved: 1, failed: 0 });
    expect((await caseRow(caseId)).dueAt?.toISOString()).toBe('2026-03-24T00:00:00.000Z'); // England: the end of Monday 23 March
    const [change] = await new OrganisationStore(ds.manager).listChanges(organisationId);
    expect(change).toMatchObject({ kind: 'holidaySourceChanged', actorRole: 'system', detail: { from: holidaySourceOf(IRELAND), to: expect.stringContaining(' GB ENG nextWeekday Europe/London') } });
  });

  it('a new library version that moves no holiday recounts and moves nothing', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    const version = (await caseRow(caseId)).version;
    await new OrganisationStore(ds.manager).setHolidaySource(organisationId, 'date-holidays@0.0.1 IE - nextWeekday Europe/Dublin');
    expect(await changes.checkHolidaySources([organisationId])).toBe(1);
    expect(await changes.runPending([organisationId])).toEqual({ changes: 1, cases: 1, moved: 0, failed: 0 });
    expect((await caseRow(caseId)).version).toBe(version);
    expect((await new OrganisationStore(ds.manager).find(organisationId))?.holidaySource).toBe(holidaySourceOf(IRELAND));
  });

  it('configure: settings and closure days from a configuration file; a day already there is not added twice', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    await changes.configure(organisationId, IRELAND, [{ date: '2026-11-25', name: 'Training' }]);
    await changes.configure(organisationId, IRELAND, [{ date: '2026-11-25', name: 'Training' }]);
    expect(await changes.checkHolidaySources([organisationId])).toBe(0);
    expect(await changes.runPending([organisationId])).toEqual({ changes: 1, cases: 1, moved: 1, failed: 0 });
    expect((await caseRow(caseId)).dueAt?.toISOString()).toBe('2026-12-02T00:00:00.000Z');
    const created = `org-${randomUUID()}`;
    await changes.configure(created, { ...IRELAND, timeZone: 'Europe/London' }, []);
    expect(await new OrganisationStore(ds.manager).find(created)).toMatchObject({ id: created, country: 'IE', timeZone: 'Europe/London', holidaySource: null });
  });
});

describe('a change survives a crash until every case is recounted', () => {
  it('a recount that fails leaves the change pending; the next run completes it', async () => {
    const { organisationId, areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    await ds.transaction((manager) => new OrganisationStore(manager).addClosureDay({ organisationId, date: '2026-11-25', name: 'Training', createdAt: clock.now(), createdBy: 'x' }));
    // As if the process died after recording the change and before recounting.
    await new OrganisationStore(ds.manager).recordChange({
      organisationId,
      kind: 'closureDayAdded',
      detail: { date: '2026-11-25', name: 'Training' },
      affectsFrom: new Date('2026-11-25T00:00:00.000Z'),
      actorId: coordinator.id,
      actorRole: coordinator.role,
      requestId: null,
      at: clock.now(),
    });
    const errors: unknown[] = [];
    const failing = new CalendarChanges({
      dataSource: ds,
      engine: { recalculateDeadlinesIn: () => Promise.reject(new Error('database went away')) },
      clock,
      onError: (error, at) => errors.push([(error as Error).message, at.caseId]),
    });
    expect(await failing.runPending([organisationId])).toEqual({ changes: 0, cases: 0, moved: 0, failed: 1 });
    expect(errors).toEqual([['database went away', caseId]]);
    expect(await new OrganisationStore(ds.manager).pendingChanges([organisationId])).toHaveLength(1);
    expect(await changes.runPending([organisationId])).toEqual({ changes: 1, cases: 1, moved: 1, failed: 0 });
    expect(await new OrganisationStore(ds.manager).pendingChanges([organisationId])).toEqual([]);
  });
});

describe('a date the working calendar cannot count from', () => {
  it('is INVALID_INPUT saying why, and nothing is written (a day outside the calendar, a time without a zone)', async () => {
    const { areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    const coordinatorHere = { ...coordinator, areaId };
    await engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: lead.id }, actor: coordinatorHere });
    // A phone report's time without a zone: it would be read in the server's time zone.
    await engine.send({ caseId, event: { type: 'RAISE_CONCERN', category: 'neglect', mandatedReport: true, observed: 'x', immediateSafety: { childSafeNow: true, actionTaken: 'y' } }, actor: lead });
    await engine.send({ caseId, event: { type: 'CONSULT_LIAISON', liaison: { name: 'DLP' }, advice: 'Report today.' }, actor: lead });
    const consulted = await caseRow(caseId);
    const refused = await engine
      .send({ caseId, event: { type: 'SUBMIT_REPORT', statutoryService: 'Tusla', method: 'phone', parentsInformed: true, reportedAt: '2026-11-23T08:40:00' }, actor: actor('designatedLiaisonPerson', { areaId }) })
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({
      code: DomainErrorCode.INVALID_INPUT,
      message: 'SUBMIT_REPORT could not be applied: "2026-11-23T08:40:00" is neither a day (YYYY-MM-DD) nor an instant with a zone (e.g. 2026-06-15T00:30:00+01:00).',
    });
    expect(await caseRow(caseId)).toEqual(consulted);
  });
});

describe('stage lengths are policy', () => {
  it('a running stage keeps the length it started with; the next stage takes the policy in force when it starts', async () => {
    const { areaId } = await newOrganisation();
    const caseId = await submittedCase(areaId);
    const shorter: DeadlinePolicy = mergeDeadlinePolicy(DEFAULT_DEADLINE_POLICY, { deadlines: { requestRegistration: { amount: 2 }, assessmentCompletion: { amount: 10 } } });
    const later = createEngine({ dataSource: ds, workflows: WORKFLOWS, clock, deadlinePolicy: shorter });
    // A recount on the new policy moves nothing: requestRegistration keeps its 5 working days.
    expect((await later.recalculateDeadlines({ caseId, actor: coordinator, because: {} })).moves).toEqual([]);
    expect((await caseRow(caseId)).dueAt?.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    const registered = await later.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: lead.id }, actor: { ...coordinator, areaId } as Actor });
    // 10 working days from Monday 23 November 2026: the end of Monday 7 December.
    expect(registered).toMatchObject({ state: 'assessment.inProgress', dueAt: '2026-12-08T00:00:00.000Z', dueOn: '2026-12-07', timeZone: 'Europe/Dublin' });
  });
});
