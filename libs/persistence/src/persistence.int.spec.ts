/** The schema and the stores on a real database (PGlite under `npm test`, the server under `npm run test:server`). */
import { randomUUID } from 'node:crypto';
import type { TacuDataSource } from './data-source';
import { MIGRATIONS } from './migrations';
import { CaseReadStore, CaseStore, IdempotencyStore, OutboxStore, TimerStore } from './stores';
import { createTestDataSource } from './testing';

let ds: TacuDataSource;

beforeAll(async () => {
  ds = await createTestDataSource();
});

afterAll(async () => {
  await ds?.destroy();
});

const at = new Date('2026-05-04T10:00:00.000Z');

async function newCase(): Promise<string> {
  const id = randomUUID();
  await new CaseStore(ds.manager).insert({
    id, workflowId: 'w', workflowVersion: 1, areaId: 'area', familyId: null, childPersonId: null, origin: null, previousEpisodeId: null,
    leadPractitionerId: null, state: 's', stage: 'request', status: 'active', closureReason: null, dueAt: null, overdue: false,
    snapshot: { value: 's' }, version: 1, lastAuditHash: 'h', openedAt: at,
  });
  return id;
}

describe('schema', () => {
  it('every entity column exists in its table, with the same nullability', async () => {
    for (const entity of ds.entityMetadatas.filter((m) => ['cases', 'audit_events', 'timers', 'outbox', 'idempotency_records'].includes(m.tableName))) {
      const rows: Array<{ column_name: string; is_nullable: 'YES' | 'NO' }> = await ds.query(
        `SELECT column_name, is_nullable FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
        [entity.tableName],
      );
      const actual = new Map(rows.map((r) => [r.column_name, r.is_nullable === 'YES']));
      for (const column of entity.columns) {
        expect({ table: entity.tableName, column: column.databaseName, nullable: actual.get(column.databaseName) }).toEqual({
          table: entity.tableName,
          column: column.databaseName,
          nullable: column.isNullable,
        });
      }
    }
  });

  it('the migrations build exactly the schema the entities describe: TypeORM finds nothing to change', async () => {
    const { upQueries } = await ds.driver.createSchemaBuilder().log();
    expect(upQueries.map((q) => q.query)).toEqual([]);
  });

  it('every migration reverts and re-applies (in a throwaway schema, rolled back)', async () => {
    const runner = ds.createQueryRunner();
    const schema = `m_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    const tables = async () =>
      (await runner.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`, [schema])).map((r: { table_name: string }) => r.table_name);
    await runner.startTransaction();
    try {
      await runner.query(`CREATE SCHEMA ${schema}`);
      await runner.query(`SET LOCAL search_path TO ${schema}, public`);
      for (const M of MIGRATIONS) await new M().up(runner);
      const created = await tables();
      expect(created).toEqual(expect.arrayContaining(['audit_events', 'cases', 'idempotency_records', 'outbox', 'timers']));
      for (const M of [...MIGRATIONS].reverse()) await new M().down(runner);
      expect(await tables()).toEqual([]);
      for (const M of MIGRATIONS) await new M().up(runner);
      expect(await tables()).toEqual(created);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('stores', () => {
  it('CaseStore.update refuses a row that is not at the previous version', async () => {
    const id = await newCase();
    const update = { id, version: 3, state: 't', stage: 'request', status: 'active', leadPractitionerId: null, closureReason: null, snapshot: {}, lastAuditHash: 'h2', at, dueDateDelays: [] };
    await expect(new CaseStore(ds.manager).update(update)).rejects.toThrow(/not at version 2/);
    await expect(new CaseStore(ds.manager).update({ ...update, version: 2 })).resolves.toEqual({ dueAt: null, overdue: false });
    expect(await new CaseStore(ds.manager).lock('not-a-uuid')).toBeNull();
  });

  it('TimerStore: cancelling deactivates; a fired timer is done, not cancelled; only due timers fire', async () => {
    const caseId = await newCase();
    const timers = new TimerStore(ds.manager);
    const base = { caseId, eventType: 'e', delayName: 'd', stateId: 's' };
    await timers.schedule([{ ...base, sendId: 'a', dueAt: new Date(at.getTime() + 1000) }, { ...base, sendId: 'b', dueAt: new Date(at.getTime() + 1000) }], at);
    expect(await timers.fireDue(caseId, 'a', at)).toBe(0); // not due yet
    const later = new Date(at.getTime() + 2000);
    expect(await timers.fireDue(caseId, 'a', later)).toBe(1);
    expect(await timers.fireDue(caseId, 'a', later)).toBe(0); // never twice
    expect(await timers.cancel(caseId, ['a', 'b'], later)).toBe(2);
    const rows = await timers.listForCase(caseId);
    expect(rows.map((t) => [t.sendId, t.active, t.firedAt !== null, t.cancelledAt !== null])).toEqual([
      ['a', false, true, false],
      ['b', false, false, true],
    ]);
    expect(await timers.findDue(later, 10, [caseId])).toEqual([]);
  });

  it('OutboxStore: pending messages are claimed once and marked processed', async () => {
    const caseId = await newCase();
    await new OutboxStore(ds.manager).add([{ caseId, kind: 'notify', payload: { to: 'x' } }, { caseId, kind: 'digest', payload: ['a'] }], at);
    const messages = await new OutboxStore(ds.manager).listForCase(caseId);
    expect(messages.map((m) => [m.kind, m.payload, m.attempts])).toEqual([
      ['notify', { to: 'x' }, 0],
      ['digest', ['a'], 0],
    ]);
    await ds.transaction(async (manager) => {
      const store = new OutboxStore(manager);
      const claimed = (await store.claimPending(1000, ['digest'])).filter((m) => m.caseId === caseId);
      expect(claimed.map((m) => m.kind)).toEqual(['digest']);
      await store.markProcessed(claimed[0].id, at);
    });
    const after = await new OutboxStore(ds.manager).listForCase(caseId);
    expect(after.map((m) => [m.kind, m.processedAt])).toEqual([
      ['notify', null],
      ['digest', at],
    ]);
  });

  it('IdempotencyStore: one record per scope and key', async () => {
    const store = new IdempotencyStore(ds.manager);
    const scope = randomUUID();
    expect(await store.find(scope, 'k')).toBeNull();
    await store.save(scope, 'k', 'hash', { ok: [1, 2] }, at);
    expect(await store.find(scope, 'k')).toEqual({ requestHash: 'hash', response: { ok: [1, 2] } });
    await expect(store.save(scope, 'k', 'other', {}, at)).rejects.toThrow(/duplicate key/);
  });

  it('CaseReadStore: one read per listed case, in list order; the log cannot be changed', async () => {
    const [a, b] = [await newCase(), await newCase()];
    const reads = new CaseReadStore(ds.manager);
    const who = { at, actorId: 'u-1', actorRole: 'coordinator', what: 'list' as const, requestId: 'req-1' };
    await reads.recordEach([], who); // an empty page writes nothing
    await reads.recordEach([b, a], who);
    await reads.record({ ...who, caseId: a, what: 'case', requestId: null });
    expect(await reads.listForCase(a)).toEqual([
      { caseId: a, at, actorId: 'u-1', actorRole: 'coordinator', what: 'list', requestId: 'req-1', documentId: null },
      { caseId: a, at, actorId: 'u-1', actorRole: 'coordinator', what: 'case', requestId: null, documentId: null },
    ]);
    expect(await reads.listForCase(b)).toEqual([{ caseId: b, at, actorId: 'u-1', actorRole: 'coordinator', what: 'list', requestId: 'req-1', documentId: null }]);
    const [first, second] = await ds.query(`SELECT case_id FROM case_reads WHERE request_id = 'req-1' AND case_id IN ($1, $2) ORDER BY id`, [a, b]);
    expect([first.case_id, second.case_id]).toEqual([b, a]);
    await expect(ds.query(`UPDATE case_reads SET actor_id = 'someone else' WHERE case_id = $1`, [a])).rejects.toThrow(/append-only/);
  });
});
