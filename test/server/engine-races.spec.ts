/**
 * Locking and racing clients, on the PostgreSQL server only (PGlite is one session: its
 * transactions never overlap, so these races cannot happen there).
 */
import { DomainError, DomainErrorCode, type Actor } from '@tacu/domain';
import { createEngine, TimerWorker, type WorkflowEngine } from '@tacu/engine';
import { AuditStore, PeopleStore, type TacuDataSource } from '@tacu/persistence';
import { actor, createTestDataSource, FixedClock, fixtureWorkflow, WEEK } from '@tacu/testing';

const REGISTRATION = 'xstate.after.requestRegistration.fixture.submitted';

let ds: TacuDataSource;
let engine: WorkflowEngine;
const clock = new FixedClock('2026-06-01T09:00:00.000Z');
const lead = actor('leadPractitioner');
const parent = actor('parentCarer');
const coordinator = actor('coordinator');

beforeAll(async () => {
  if (!process.env.TEST_DATABASE_URL) throw new Error('test/server runs against TEST_DATABASE_URL (npm run test:server)');
  ds = await createTestDataSource();
  engine = createEngine({ dataSource: ds, workflows: [fixtureWorkflow], clock });
});

afterAll(async () => {
  await ds?.destroy();
});

async function openCase(): Promise<string> {
  return (await engine.open({ workflowId: 'fixture', input: {}, attributes: { areaId: 'area-race' }, actor: lead })).caseId;
}

async function submittedCase(): Promise<string> {
  const caseId = await openCase();
  await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent });
  await engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead });
  return caseId;
}

function settle<T>(promises: Array<Promise<T>>) {
  return Promise.allSettled(promises);
}

async function expectGaplessChain(caseId: string, length: number) {
  const audit = new AuditStore(ds.manager);
  const events = await audit.listForCase(caseId);
  expect(events.map((e) => e.seq)).toEqual(Array.from({ length }, (_, i) => i + 1));
  expect(await audit.verifyChain(caseId)).toEqual({ valid: true, length });
}

it('20 concurrent sends with the same expected version: exactly one wins, 19 VERSION_CONFLICT', async () => {
  const caseId = await openCase();
  const senders: Actor[] = Array.from({ length: 20 }, () => actor('parentCarer'));
  const results = await settle(senders.map((by) => engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: by, expectedVersion: 1 })));
  const won = results.filter((r) => r.status === 'fulfilled');
  const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
  expect(won).toHaveLength(1);
  expect(lost).toHaveLength(19);
  for (const err of lost) {
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ code: DomainErrorCode.VERSION_CONFLICT, details: { currentVersion: 2, expectedVersion: 1 } });
  }
  const [row] = await ds.query(`SELECT version FROM cases WHERE id = $1`, [caseId]);
  expect(row.version).toBe(2);
  await expectGaplessChain(caseId, 2);
});

it('20 concurrent sends without an expected version serialise: no lost update', async () => {
  const caseId = await openCase();
  const results = await settle(Array.from({ length: 20 }, () => engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent })));
  expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
  const versions = results.map((r) => (r as PromiseFulfilledResult<{ version: number }>).value.version).sort((a, b) => a - b);
  expect(versions).toEqual(Array.from({ length: 20 }, (_, i) => i + 2));
  const [row] = await ds.query(`SELECT version FROM cases WHERE id = $1`, [caseId]);
  expect(row.version).toBe(21);
  await expectGaplessChain(caseId, 21);
});

it('concurrent retries with one idempotency key apply the command once', async () => {
  const caseId = await openCase();
  const results = await Promise.all(Array.from({ length: 10 }, () => engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'once' })));
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  expect(new Set(results.map((r) => r.version))).toEqual(new Set([2]));
  await expectGaplessChain(caseId, 2);
});

it('concurrent opens with one idempotency key open one case and one family: the first commits, the rest replay it', async () => {
  await new PeopleStore(ds.manager).upsertArea({ id: 'area-race', name: 'Race area' });
  const opener = actor('leadPractitioner');
  let prepared = 0;
  const open = () =>
    engine.open({
      workflowId: 'fixture',
      input: {},
      attributes: { areaId: 'area-race' },
      actor: opener,
      idempotencyKey: 'open-once',
      request: { child: 'Raced Child' },
      prepare: async () => {
        prepared += 1;
        return { family: { new: {} }, child: { new: { relationship: 'child', name: 'Raced Child' } } };
      },
    });
  const results = await Promise.all(Array.from({ length: 10 }, open));
  expect(results.filter((r) => !r.replayed)).toHaveLength(1);
  expect(new Set(results.map((r) => r.caseId)).size).toBe(1);
  // The key is locked before prepare is asked: the retries never ran it.
  expect(prepared).toBe(1);
  const [counts] = await ds.query(
    `SELECT (SELECT count(*) FROM families WHERE created_by = $1)::int AS families, (SELECT count(*) FROM cases c JOIN families f ON f.id = c.family_id WHERE f.created_by = $1)::int AS cases`,
    [opener.id],
  );
  expect(counts).toEqual({ families: 1, cases: 1 });
  await expectGaplessChain(results[0]?.caseId as string, 1);
});

it('two timer workers racing on the same due timers never fire one twice', async () => {
  const caseIds = await Promise.all(Array.from({ length: 12 }, () => submittedCase()));
  clock.advance(2 * WEEK);
  const other = await createTestDataSource();
  try {
    const otherEngine = createEngine({ dataSource: other, workflows: [fixtureWorkflow], clock });
    const a = new TimerWorker({ dataSource: ds, engine, clock });
    const b = new TimerWorker({ dataSource: other, engine: otherEngine, clock });
    const [ra, rb] = await Promise.all([a.runDue({ caseIds }), b.runDue({ caseIds })]);
    expect(ra.failed + rb.failed).toBe(0);
    expect(ra.fired + rb.fired).toBe(12);
    expect(ra.skipped + rb.skipped).toBe(12);
  } finally {
    await other.destroy();
  }
  const fired = await ds.query(
    `SELECT case_id, count(*)::int AS n FROM audit_events WHERE case_id = ANY($1::uuid[]) AND event_type = $2 GROUP BY case_id`,
    [caseIds, REGISTRATION],
  );
  expect(fired).toHaveLength(12);
  expect(fired.every((r: { n: number }) => r.n === 1)).toBe(true);
  for (const caseId of caseIds) await expectGaplessChain(caseId, 4);
});

it('a user send that cancels a timer and the worker firing it never deadlock or both win', async () => {
  const caseIds = await Promise.all(Array.from({ length: 12 }, () => submittedCase()));
  clock.advance(2 * WEEK);
  const worker = new TimerWorker({ dataSource: ds, engine, clock });
  const [run, ...sends] = await Promise.all([
    worker.runDue({ caseIds }),
    ...caseIds.map((caseId) => engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' }, actor: coordinator })),
  ]);
  expect(run.failed).toBe(0);
  expect(sends.every((s) => s.state === 'assessment')).toBe(true);
  const rows = await ds.query(
    `SELECT c.id, c.version, t.fired_at IS NOT NULL AS fired, t.cancelled_at IS NOT NULL AS cancelled
     FROM cases c JOIN timers t ON t.case_id = c.id AND t.delay_name = 'requestRegistration'
     WHERE c.id = ANY($1::uuid[])`,
    [caseIds],
  );
  for (const r of rows as Array<{ id: string; version: number; fired: boolean; cancelled: boolean }>) {
    // Either the deadline fired first (one more audit event) or the registration cancelled it.
    expect(r.fired !== r.cancelled).toBe(true);
    expect(r.version).toBe(r.fired ? 5 : 4);
    await expectGaplessChain(r.id, r.version);
  }
  expect(run.fired).toBe((rows as Array<{ fired: boolean }>).filter((r) => r.fired).length);
});
