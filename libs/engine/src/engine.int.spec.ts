/**
 * The engine on a real database (PGlite under `npm test`, the server under `npm run test:server`):
 * what one transition commits, that every rejection commits nothing and says why, idempotency,
 * the audit chain, and durable timers across a restart.
 */
import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { createMachine } from 'xstate';
import { DomainError, DomainErrorCode, SYSTEM_ACTOR, type Actor } from '@tacu/domain';
import type { WorkflowDefinition } from '@tacu/workflows';
import {
  AuditStore,
  CaseReadStore,
  CaseStore,
  DocumentStore,
  IdempotencyStore,
  OutboxStore,
  ParticipantStore,
  PeopleStore,
  sha256,
  TimerStore,
  verifyAuditChain,
  type TacuDataSource,
} from '@tacu/persistence';
// eslint-disable-next-line @nx/enforce-module-boundaries -- medium tests share the test database helpers
import { actor, createTestDataSource, DAY, FixedClock, fixtureMachine, fixtureWorkflow, restartTestDataSource, WEEK } from '@tacu/testing';
import { createEngine, type WorkflowEngine } from './engine';
import type { DocumentSource, OpenCommand, OpenRecords } from './engine.types';
import { TimerWorker } from './timer-worker';

const REGISTRATION = 'xstate.after.requestRegistration.fixture.submitted';

let ds: TacuDataSource;
let engine: WorkflowEngine;
const clock = new FixedClock('2026-03-02T09:00:00.000Z');
const lead = actor('leadPractitioner');
const parent = actor('parentCarer');
const coordinator = actor('coordinator');

/**
 * Documents as a template would render them, at the edge of what this spec tests (the engine
 * stores what its source renders; libs/documents has its own specs): a professional version in
 * English, and a family version too while `withFamilyVersion` is set. `failOn` makes a kind fail.
 */
const documents = {
  withFamilyVersion: false as boolean,
  failOn: null as string | null,
  async render(_manager, { kind, state, context, nextVersion }) {
    if (kind === this.failOn) throw new Error(`template ${kind} failed`);
    const audiences = this.withFamilyVersion ? (['professional', 'family'] as const) : (['professional'] as const);
    return audiences.map((audience) => ({
      audience,
      locale: 'en',
      html: `<h1>${kind} (${audience}), version ${nextVersion(audience, 'en')}</h1><p>${state}; consent ${(context as { consentGiven: boolean }).consentGiven}</p>`,
      viewModel: { kind, state },
      templateVersion: 'test-1',
    }));
  },
} satisfies DocumentSource & { withFamilyVersion: boolean; failOn: string | null };

beforeAll(async () => {
  ds = await createTestDataSource();
  engine = createEngine({ dataSource: ds, workflows: [fixtureWorkflow], clock, documents });
});

afterAll(async () => {
  await ds?.destroy();
});

function openCase(by: Actor = lead, extra: Partial<Parameters<WorkflowEngine['open']>[0]> = {}) {
  return engine.open({ workflowId: 'fixture', input: {}, attributes: { areaId: 'area-test', origin: 'school' }, actor: by, ...extra });
}

async function submittedCase(): Promise<string> {
  const { caseId } = await openCase();
  await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent });
  await engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead });
  return caseId;
}

/** Everything the engine writes for a case, to prove a rejection wrote nothing. */
async function footprint(caseId: string) {
  const [row] = await ds.query(`SELECT version, state, snapshot, last_audit_hash, due_at FROM cases WHERE id = $1`, [caseId]);
  const counts = await ds.query(
    `SELECT (SELECT count(*) FROM audit_events WHERE case_id = $1)::int AS audit,
            (SELECT count(*) FROM timers WHERE case_id = $1)::int AS timers,
            (SELECT count(*) FROM timers WHERE case_id = $1 AND active)::int AS "activeTimers",
            (SELECT count(*) FROM outbox WHERE case_id = $1)::int AS outbox,
            (SELECT count(*) FROM documents WHERE case_id = $1)::int AS documents,
            (SELECT count(*) FROM idempotency_records WHERE split_part(scope, ':', 1) = $1::text)::int AS idempotency`,
    [caseId],
  );
  return { row, ...counts[0] };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

describe('open', () => {
  it('commits the case row, the OPEN_CASE audit event and the document of the state entered', async () => {
    const result = await openCase();
    expect(result).toMatchObject({ version: 1, state: 'draft', stage: 'request', status: 'active', dueAt: null, documents: ['requestForSupport'], replayed: false });
    // SUBMIT_REQUEST is the lead's to send here; it waits for consent, and the answer says so.
    expect(result.allowedEvents).toEqual(['RECORD_CONSENT', 'SUBMIT_REQUEST', 'RAISE_CONCERN']);
    expect(result.waitingEvents).toEqual([{ event: 'SUBMIT_REQUEST', reasons: ['Consent of the parent/carer is not recorded.'] }]);

    const [row] = await ds.query(`SELECT * FROM cases WHERE id = $1`, [result.caseId]);
    expect(row).toMatchObject({ workflow_id: 'fixture', workflow_version: 1, area_id: 'area-test', origin: 'school', state: 'draft', stage: 'request', status: 'active', version: 1, overdue: false });
    expect(row.snapshot).toMatchObject({ value: 'draft', status: 'active', context: { consentGiven: false, now: clock.now().toISOString() } });
    expect(new Date(row.opened_at)).toEqual(clock.now());

    const audit = await new AuditStore(ds.manager).listForCase(result.caseId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ seq: 1, eventType: 'OPEN_CASE', fromState: null, toState: 'draft', actorId: lead.id, actorRole: 'leadPractitioner', prevHash: null });
    expect(row.last_audit_hash).toBe(audit[0].hash);

    const [document] = await new DocumentStore(ds.manager).listForCase(result.caseId);
    const html = '<h1>requestForSupport (professional), version 1</h1><p>draft; consent false</p>';
    expect(document).toMatchObject({ kind: 'requestForSupport', audience: 'professional', locale: 'en', version: 1, state: 'draft', caseVersion: 1, eventType: 'OPEN_CASE', producedBy: lead.id, producedByRole: 'leadPractitioner', templateVersion: 'test-1', sha256: sha256(html) });
    expect(result.issuedDocuments).toEqual([{ id: document?.id, kind: 'requestForSupport', audience: 'professional', locale: 'en', version: 1, sha256: sha256(html) }]);
    expect(await new DocumentStore(ds.manager).find(document?.id as string)).toMatchObject({ html, viewModel: { kind: 'requestForSupport', state: 'draft' } });
    // Documents are stored, not queued: nothing for a worker to produce later.
    expect(await new OutboxStore(ds.manager).listForCase(result.caseId)).toEqual([]);
  });

  it('uses the case id the caller chose', async () => {
    const caseId = randomUUID();
    expect((await openCase(lead, { caseId })).caseId).toBe(caseId);
    expect((await rejection(openCase(lead, { caseId }))).code).toBe(DomainErrorCode.INVALID_INPUT);
  });

  it('refuses an unknown workflow or version, and a case without an area', async () => {
    expect((await rejection(engine.open({ workflowId: 'nope', input: {}, attributes: { areaId: 'a' }, actor: lead }))).code).toBe(DomainErrorCode.UNKNOWN_WORKFLOW);
    expect((await rejection(engine.open({ workflowId: 'fixture', workflowVersion: 9, input: {}, attributes: { areaId: 'a' }, actor: lead }))).code).toBe(DomainErrorCode.UNKNOWN_WORKFLOW);
    expect((await rejection(engine.open({ workflowId: 'fixture', input: {}, attributes: { areaId: '' }, actor: lead }))).code).toBe(DomainErrorCode.INVALID_INPUT);
  });

  it('is idempotent: the same key and command answer the first result and open one case', async () => {
    const key = randomUUID();
    const first = await openCase(lead, { idempotencyKey: key });
    const again = await openCase(lead, { idempotencyKey: key });
    expect(again).toEqual({ ...first, replayed: true });
    const err = await rejection(openCase(lead, { idempotencyKey: key, attributes: { areaId: 'other-area' } }));
    expect(err.code).toBe(DomainErrorCode.IDEMPOTENCY_KEY_REUSED);
  });
});

describe('documents', () => {
  afterEach(() => {
    documents.withFamilyVersion = false;
    documents.failOn = null;
  });

  it('each kind, audience and locale is its own series from version 1; what was issued before stays byte for byte', async () => {
    const { caseId } = await openCase();
    const store = new DocumentStore(ds.manager);
    const [first] = await store.listForCase(caseId);
    const firstWhole = await store.find(first?.id as string);
    await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent });
    documents.withFamilyVersion = true;
    const raised = await engine.send({ caseId, event: { type: 'RAISE_CONCERN' }, actor: lead });
    expect(raised.issuedDocuments.map((d) => [d.kind, d.audience, d.version])).toEqual([
      ['childProtectionReport', 'professional', 1],
      ['childProtectionReport', 'family', 1],
    ]);
    const all = await store.listForCase(caseId);
    expect(all.map((d) => [d.kind, d.audience, d.version, d.state, d.eventType, d.caseVersion])).toEqual([
      ['requestForSupport', 'professional', 1, 'draft', 'OPEN_CASE', 1],
      ['childProtectionReport', 'family', 1, 'onHold', 'RAISE_CONCERN', 3],
      ['childProtectionReport', 'professional', 1, 'onHold', 'RAISE_CONCERN', 3],
    ]);
    expect(await store.find(first?.id as string)).toEqual(firstWhole);
    const report = await store.find(raised.issuedDocuments[0]?.id as string);
    expect(report?.html).toBe('<h1>childProtectionReport (professional), version 1</h1><p>onHold; consent true</p>');
    expect(report?.sha256).toBe(sha256(report?.html as string));
  });

  it('a stored document is never changed nor deleted', async () => {
    const { caseId } = await openCase();
    const [document] = await new DocumentStore(ds.manager).listForCase(caseId);
    await expect(ds.query(`UPDATE documents SET html = '<p>changed</p>' WHERE id = $1`, [document?.id])).rejects.toThrow(/documents are kept as issued/);
    await expect(ds.query(`DELETE FROM documents WHERE id = $1`, [document?.id])).rejects.toThrow(/documents are kept as issued/);
  });

  it('a document that fails to render fails the transition: nothing of it is written', async () => {
    const { caseId } = await openCase();
    await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent });
    const before = await footprint(caseId);
    documents.failOn = 'childProtectionReport';
    await expect(engine.send({ caseId, event: { type: 'RAISE_CONCERN' }, actor: lead })).rejects.toThrow('template childProtectionReport failed');
    expect(await footprint(caseId)).toEqual(before);
  });
});

describe('send', () => {
  it('commits case, audit, timers, outbox and due date in one transition', async () => {
    const { caseId } = await openCase();
    const consent = await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, expectedVersion: 1 });
    expect(consent).toMatchObject({ version: 2, state: 'draft', documents: [] });
    expect(consent.allowedEvents).toEqual(['RECORD_CONSENT']);

    const submitted = await engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead, expectedVersion: 2 });
    // 5 working days from Monday 2 March 2026: due at the end of Monday 9 March in Dublin (GMT).
    const due = new Date('2026-03-10T00:00:00.000Z');
    expect(submitted).toMatchObject({ version: 3, state: 'submitted', stage: 'request', status: 'active', dueAt: due.toISOString(), dueOn: '2026-03-09', timeZone: 'Europe/Dublin', documents: [] });
    expect(submitted.allowedEvents).toEqual(['RAISE_CONCERN']); // only the coordinator registers
    expect(submitted.waitingEvents).toEqual([]);
    expect(await engine.allowedEvents(caseId, coordinator)).toEqual(['REGISTER_REQUEST', 'DECLINE_REQUEST', 'RAISE_CONCERN']);

    const timers = await new TimerStore(ds.manager).listForCase(caseId);
    expect(timers).toEqual([expect.objectContaining({ sendId: REGISTRATION, eventType: REGISTRATION, delayName: 'requestRegistration', stateId: 'fixture.submitted', dueAt: due, active: true, firedAt: null })]);
    const outbox = await new OutboxStore(ds.manager).listForCase(caseId);
    expect(outbox.map((m) => [m.kind, m.payload])).toEqual([['notify', { to: 'coordinator', reason: 'requestSubmitted' }]]);
    const audit = await new AuditStore(ds.manager).listForCase(caseId);
    expect(audit.map((a) => [a.seq, a.eventType, a.fromState, a.toState, a.actorRole])).toEqual([
      [1, 'OPEN_CASE', null, 'draft', 'leadPractitioner'],
      [2, 'RECORD_CONSENT', 'draft', 'draft', 'parentCarer'],
      [3, 'SUBMIT_REQUEST', 'draft', 'submitted', 'leadPractitioner'],
    ]);
    const [row] = await ds.query(`SELECT version, due_at, state FROM cases WHERE id = $1`, [caseId]);
    expect(row).toEqual({ version: 3, due_at: due, state: 'submitted' });
  });

  it('records the event data in the audit trail and produces the documents of the states entered', async () => {
    const caseId = await submittedCase();
    const result = await engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-42' }, actor: coordinator });
    expect(result).toMatchObject({ state: 'assessment', stage: 'assessment', documents: ['strengthsAndNeedsRecord'] });
    const [row] = await ds.query(`SELECT lead_practitioner_id FROM cases WHERE id = $1`, [caseId]);
    expect(row.lead_practitioner_id).toBe('lp-42');
    const audit = await new AuditStore(ds.manager).listForCase(caseId);
    expect(audit.at(-1)).toMatchObject({ eventType: 'REGISTER_REQUEST', data: { leadPractitionerId: 'lp-42' } });
    // Leaving `submitted` cancelled its deadline; `assessment` started two timers.
    const timers = await new TimerStore(ds.manager).listForCase(caseId);
    expect(timers.map((t) => [t.delayName, t.active, t.cancelledAt !== null])).toEqual(
      expect.arrayContaining([
        ['requestRegistration', false, true],
        ['assessmentCompletion', true, false],
        ['caseOpenCheck', true, false],
      ]),
    );
    // 20 working days from Monday 2 March 2026 skip St Patrick's Day (Tuesday 17 March): the end of
    // Tuesday 31 March, Irish summer time by then. The 12-month check is not a due date.
    expect(result).toMatchObject({ dueAt: '2026-03-31T23:00:00.000Z', dueOn: '2026-03-31' });
  });

  it('puts the case on hold from any active state, and closes it with a closure reason', async () => {
    const caseId = await submittedCase();
    const held = await engine.send({ caseId, event: { type: 'RAISE_CONCERN', category: 'welfare' }, actor: lead });
    expect(held).toMatchObject({ state: 'onHold', stage: 'escalation', status: 'onHold', dueAt: null, documents: ['childProtectionReport'] });
    const dlp = actor('designatedLiaisonPerson');
    const closed = await engine.send({ caseId, event: { type: 'RESOLVE_CONCERN' }, actor: dlp });
    expect(closed).toMatchObject({ state: 'closed', status: 'closed', stage: 'closure', documents: ['closingSummary'], allowedEvents: [] });
    const [row] = await ds.query(`SELECT closure_reason, closed_at FROM cases WHERE id = $1`, [caseId]);
    expect(row).toEqual({ closure_reason: 'steppedUpToSocialWork', closed_at: clock.now() });
    const outbox = await new OutboxStore(ds.manager).listForCase(caseId);
    expect(outbox.map((m) => m.payload)).toContainEqual({ to: 'designatedLiaisonPerson', reason: 'concernRaised' });
  });

  it('runs inside a caller transaction and is undone with it', async () => {
    const caseId = await submittedCase();
    const before = await footprint(caseId);
    let opened = '';
    await expect(
      ds.transaction(async (manager: EntityManager) => {
        await engine.sendIn(manager, { caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' }, actor: coordinator });
        opened = (await engine.openIn(manager, { workflowId: 'fixture', input: {}, attributes: { areaId: 'area-test' }, actor: lead })).caseId;
        throw new Error('the caller changed its mind');
      }),
    ).rejects.toThrow('the caller changed its mind');
    expect(await footprint(caseId)).toEqual(before);
    expect(await ds.query(`SELECT id FROM cases WHERE id = $1`, [opened])).toEqual([]);
  });
});

describe('rejections write nothing and say why', () => {
  let caseId: string;
  beforeEach(async () => {
    caseId = (await openCase()).caseId;
  });

  async function expectRejected(command: Parameters<WorkflowEngine['send']>[0], code: DomainErrorCode): Promise<DomainError> {
    const before = await footprint(caseId);
    const err = await rejection(engine.send(command));
    expect(err.code).toBe(code);
    expect(await footprint(caseId)).toEqual(before);
    return err;
  }

  it('CASE_NOT_FOUND for an unknown or malformed case id', async () => {
    expect((await rejection(engine.send({ caseId: randomUUID(), event: { type: 'RECORD_CONSENT' }, actor: parent }))).code).toBe(DomainErrorCode.CASE_NOT_FOUND);
    expect((await rejection(engine.send({ caseId: 'not-a-uuid', event: { type: 'RECORD_CONSENT' }, actor: parent }))).code).toBe(DomainErrorCode.CASE_NOT_FOUND);
    await expect(engine.allowedEvents(randomUUID(), parent)).rejects.toMatchObject({ code: DomainErrorCode.CASE_NOT_FOUND });
  });

  it('CASE_NOT_FOUND when the caller’s access policy refuses the locked case, even for a stored idempotent answer', async () => {
    const key = randomUUID();
    const event = { type: 'RECORD_CONSENT' };
    const first = await engine.send({ caseId, event, actor: parent, idempotencyKey: key, roleOnCase: (row) => (row.id === caseId && row.areaId === 'area-test' ? parent.role : null) });
    expect(first.replayed).toBe(false);
    const seen: string[] = [];
    const refused = await expectRejected(
      { caseId, event, actor: parent, idempotencyKey: key, roleOnCase: (row) => (seen.push(`${row.areaId}/${row.stage}`), null) },
      DomainErrorCode.CASE_NOT_FOUND,
    );
    expect(refused.message).toBe('There is no case with this id that you can see.');
    expect(seen).toEqual([`area-test/${first.stage}`]);
  });

  it('checkEvent is asked with the locked row, opening time included, after access; what it throws is the answer and nothing is written', async () => {
    const refusal = new Error('heldOn is before the case opened');
    const seen: string[] = [];
    const before = await footprint(caseId);
    const err = await engine
      .send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, roleOnCase: () => (seen.push('access'), parent.role), checkEvent: (row) => { seen.push(`check ${row.id} ${row.openedAt.toISOString()}`); throw refusal; } })
      .then(() => undefined, (e: unknown) => e);
    expect(err).toBe(refusal);
    expect(seen).toEqual(['access', `check ${caseId} ${clock.now().toISOString()}`]);
    expect(await footprint(caseId)).toEqual(before);
    // A case the caller may not see is not found before any check of the event.
    await expectRejected({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, roleOnCase: () => null, checkEvent: () => { throw refusal; } }, DomainErrorCode.CASE_NOT_FOUND);
  });

  it('EVENT_NOT_ALLOWED lists the events this actor may send', async () => {
    const err = await expectRejected({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'x' }, actor: lead }, DomainErrorCode.EVENT_NOT_ALLOWED);
    expect(err.details).toMatchObject({ event: 'REGISTER_REQUEST', state: 'draft', allowedEvents: ['RECORD_CONSENT', 'SUBMIT_REQUEST', 'RAISE_CONCERN'] });
    await expectRejected({ caseId, event: { type: 'NO_SUCH_EVENT' }, actor: lead }, DomainErrorCode.EVENT_NOT_ALLOWED);
  });

  it('EVENT_NOT_ALLOWED for internal events from people, and for timers that are not due', async () => {
    await expectRejected({ caseId, event: { type: 'xstate.init' }, actor: lead }, DomainErrorCode.EVENT_NOT_ALLOWED);
    await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent });
    await engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead });
    await expectRejected({ caseId, event: { type: REGISTRATION }, actor: coordinator }, DomainErrorCode.EVENT_NOT_ALLOWED);
    const err = await expectRejected({ caseId, event: { type: REGISTRATION }, actor: SYSTEM_ACTOR }, DomainErrorCode.EVENT_NOT_ALLOWED);
    expect(err.message).toMatch(/No timer .* is due/);
  });

  it('ROLE_NOT_PERMITTED when the role may not send the event in this state', async () => {
    const err = await expectRejected({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: parent }, DomainErrorCode.ROLE_NOT_PERMITTED);
    expect(err.details).toMatchObject({ role: 'parentCarer', event: 'SUBMIT_REQUEST', permittedRoles: ['leadPractitioner'], allowedEvents: ['RECORD_CONSENT'] });
    expect(err.message).toBe('A parent/carer may not send SUBMIT_REQUEST while the case is draft: only a lead practitioner may.');
  });

  it('GUARD_FAILED with the practitioner-readable reasons', async () => {
    const err = await expectRejected({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead }, DomainErrorCode.GUARD_FAILED);
    expect(err.details).toMatchObject({ guards: ['hasConsent'], reasons: ['Consent of the parent/carer is not recorded.'] });
  });

  it('GUARD_FAILED explains each failing part of a combined guard', async () => {
    const id = await submittedCase();
    await engine.send({ caseId: id, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' }, actor: coordinator });
    const err = await rejection(engine.send({ caseId: id, event: { type: 'COMPLETE_ASSESSMENT' }, actor: lead }));
    expect(err.code).toBe(DomainErrorCode.GUARD_FAILED);
    expect(err.details).toMatchObject({ guards: ['childViewsRecorded', 'hasLeadPractitioner'], reasons: ["The child's views are not recorded, nor the reason they could not be."] });
  });

  it('VERSION_CONFLICT with the current version', async () => {
    const err = await expectRejected({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, expectedVersion: 7 }, DomainErrorCode.VERSION_CONFLICT);
    expect(err.details).toEqual({ currentVersion: 1, expectedVersion: 7 });
  });

  it('INVALID_INPUT for an event without a type', async () => {
    await expectRejected({ caseId, event: { type: '' }, actor: parent }, DomainErrorCode.INVALID_INPUT);
  });
});

describe('idempotency', () => {
  it('a retry with the same key answers the first result and applies nothing twice', async () => {
    const { caseId } = await openCase();
    const first = await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'k-1', expectedVersion: 1 });
    const before = await footprint(caseId);
    // Even with the now stale expected version: it is the same request, answered again.
    const retry = await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'k-1', expectedVersion: 1 });
    expect(retry).toEqual({ ...first, replayed: true });
    expect(await footprint(caseId)).toEqual(before);
    expect(before).toMatchObject({ audit: 2, idempotency: 1 });
  });

  it('IDEMPOTENCY_KEY_REUSED when the key comes back with a different event', async () => {
    const { caseId } = await openCase();
    await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'k-2' });
    const before = await footprint(caseId);
    const err = await rejection(engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: parent, idempotencyKey: 'k-2' }));
    expect(err.code).toBe(DomainErrorCode.IDEMPOTENCY_KEY_REUSED);
    expect(await footprint(caseId)).toEqual(before);
  });

  it("keys are scoped to their caller: another user's same key on the case is another command", async () => {
    const { caseId } = await openCase();
    await engine.send({ caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'k-team' });
    const submitted = await engine.send({ caseId, event: { type: 'SUBMIT_REQUEST' }, actor: lead, idempotencyKey: 'k-team' });
    expect(submitted).toMatchObject({ version: 3, replayed: false });
    expect(await footprint(caseId)).toMatchObject({ audit: 3, idempotency: 2 });
  });

  it('keys are scoped to their case', async () => {
    const a = await openCase();
    const b = await openCase();
    await engine.send({ caseId: a.caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'shared' });
    const onB = await engine.send({ caseId: b.caseId, event: { type: 'RECORD_CONSENT' }, actor: parent, idempotencyKey: 'shared' });
    expect(onB).toMatchObject({ caseId: b.caseId, replayed: false, version: 2 });
  });
});

describe('one commit step: open and send write the same rows, in the same order', () => {
  /** The fixture, opened straight into `submitted`: an opening that schedules a deadline. */
  const fromSubmitted: WorkflowDefinition = {
    ...fixtureWorkflow,
    id: 'fixtureFromSubmitted',
    machine: createMachine({ ...fixtureMachine.config, initial: 'submitted' }, fixtureMachine.implementations) as unknown as WorkflowDefinition['machine'],
  };
  let withDeadline: WorkflowEngine;
  beforeAll(async () => {
    withDeadline = createEngine({ dataSource: ds, workflows: [fixtureWorkflow, fromSubmitted], clock, documents });
    await new PeopleStore(ds.manager).upsertArea({ id: 'area-test', name: 'Test area' });
  });

  /** An opener who is a user (so they are a participant), and the family rows a caller's `prepare` hands the engine. */
  async function opener(): Promise<Actor> {
    const by = actor('leadPractitioner');
    await new PeopleStore(ds.manager).upsertUser({ id: by.id, areaId: 'area-test', role: by.role, displayName: by.id, agency: null });
    return by;
  }
  const familyOf = (childName: string): OpenRecords => ({
    family: { new: {} },
    child: { new: { relationship: 'child', name: childName, dateOfBirth: '2016-05-01' } },
    members: [{ relationship: 'parentCarer', name: `Parent of ${childName}`, hasParentalResponsibility: true }],
  });
  /** What an opening by `by` left: their families, the named child's records, cases of that family. */
  async function familyFootprint(by: Actor, childName: string) {
    const [counts] = await ds.query(
      `SELECT (SELECT count(*) FROM families WHERE created_by = $1)::int AS families,
              (SELECT count(*) FROM family_members WHERE name = $2 OR name = 'Parent of ' || $2)::int AS members,
              (SELECT count(*) FROM cases c JOIN families f ON f.id = c.family_id WHERE f.created_by = $1)::int AS cases,
              (SELECT count(*) FROM idempotency_records WHERE scope = 'open:' || $1)::int AS keys`,
      [by.id, childName],
    );
    return counts;
  }

  it('an open and a send each leave audit, case row, participants, timers, outbox, documents and idempotency record consistent', async () => {
    const by = await opener();
    const caseId = randomUUID();
    const order: string[] = [];
    const opened = await withDeadline.open({
      workflowId: 'fixtureFromSubmitted',
      caseId,
      input: { leadPractitionerId: by.id },
      attributes: { areaId: 'area-test', origin: 'school' },
      actor: by,
      idempotencyKey: 'open-commit-1',
      prepare: async () => ({
        ...familyOf('Commit Child'),
        attributes: { preRequestChecklistId: 'checklist-1' },
        // A row whose case_id references the case (not deferrable): written after the case row.
        link: async (manager, linkedId, now) => {
          order.push('link');
          await new CaseReadStore(manager).record({ caseId: linkedId, at: now, actorId: by.id, actorRole: by.role, what: 'case', requestId: 'linked' });
        },
      }),
    });
    expect(order).toEqual(['link']);
    // The due date of an opening comes from the timer it scheduled: 5 working days from Monday 2 March 2026.
    const due = new Date('2026-03-10T00:00:00.000Z');
    expect(opened).toMatchObject({ caseId, version: 1, state: 'submitted', dueAt: due.toISOString(), dueOn: '2026-03-09', documents: [], replayed: false });

    const [row] = await ds.query(`SELECT family_id, child_person_id, version, due_at, overdue, last_audit_hash FROM cases WHERE id = $1`, [caseId]);
    const members = await new PeopleStore(ds.manager).listMembers(row.family_id);
    const child = members.find((m) => m.relationship === 'child');
    expect(members.map((m) => [m.relationship, m.name]).sort()).toEqual([['child', 'Commit Child'], ['parentCarer', 'Parent of Commit Child']]);
    expect(row).toMatchObject({ child_person_id: child?.id, version: 1, due_at: due, overdue: false });
    const [open] = await new AuditStore(ds.manager).listForCase(caseId);
    expect(open).toMatchObject({ seq: 1, eventType: 'OPEN_CASE', fromState: null, toState: 'submitted', prevHash: null, hash: row.last_audit_hash });
    expect(open?.data['attributes']).toEqual({ areaId: 'area-test', origin: 'school', preRequestChecklistId: 'checklist-1', familyId: row.family_id, childPersonId: child?.id });
    expect(await new ParticipantStore(ds.manager).list(caseId)).toEqual([{ userId: by.id, kind: 'lead' }, { userId: by.id, kind: 'opener' }]);
    expect((await new TimerStore(ds.manager).listForCase(caseId)).map((t) => [t.delayName, t.dueAt, t.active])).toEqual([['requestRegistration', due, true]]);
    expect(await new CaseReadStore(ds.manager).listForCase(caseId)).toEqual([expect.objectContaining({ requestId: 'linked' })]);
    expect(await new IdempotencyStore(ds.manager).find(`open:${by.id}`, 'open-commit-1')).toEqual({ requestHash: expect.any(String), response: opened });

    const raised = await withDeadline.send({ caseId, event: { type: 'RAISE_CONCERN', category: 'welfare' }, actor: by, idempotencyKey: 'send-commit-1' });
    expect(raised).toMatchObject({ version: 2, state: 'onHold', dueAt: null, documents: ['childProtectionReport'], replayed: false });
    const [after] = await ds.query(`SELECT version, due_at, overdue, last_audit_hash FROM cases WHERE id = $1`, [caseId]);
    const audit = await new AuditStore(ds.manager).listForCase(caseId);
    expect(audit.map((a) => [a.seq, a.eventType, a.fromState, a.toState])).toEqual([[1, 'OPEN_CASE', null, 'submitted'], [2, 'RAISE_CONCERN', 'submitted', 'onHold']]);
    expect(after).toEqual({ version: 2, due_at: null, overdue: false, last_audit_hash: audit[1]?.hash });
    expect(await new AuditStore(ds.manager).verifyChain(caseId)).toEqual({ valid: true, length: 2 });
    expect((await new TimerStore(ds.manager).listForCase(caseId)).map((t) => [t.delayName, t.active])).toEqual([['requestRegistration', false]]);
    expect((await new OutboxStore(ds.manager).listForCase(caseId)).map((m) => m.payload)).toEqual([{ to: 'designatedLiaisonPerson', reason: 'concernRaised' }]);
    expect((await new DocumentStore(ds.manager).listForCase(caseId)).map((d) => [d.kind, d.caseVersion, d.eventType])).toEqual([['childProtectionReport', 2, 'RAISE_CONCERN']]);
    expect(await new IdempotencyStore(ds.manager).find(`${caseId}:${by.id}`, 'send-commit-1')).toEqual({ requestHash: expect.any(String), response: raised });
    // The lead is kept: the participants change only with the record.
    expect(await new ParticipantStore(ds.manager).list(caseId)).toEqual([{ userId: by.id, kind: 'lead' }, { userId: by.id, kind: 'opener' }]);
  });

  it('a refusal thrown by prepare or by link leaves nothing written: no family, no case, no key', async () => {
    const by = await opener();
    const open = (caseId: string, prepare: OpenCommand['prepare']) =>
      engine.open({ workflowId: 'fixture', caseId, input: {}, attributes: { areaId: 'area-test' }, actor: by, idempotencyKey: `refused-${caseId}`, ...(prepare ? { prepare } : {}) });
    const before = await familyFootprint(by, 'Refused Child');
    expect(before).toEqual({ families: 0, members: 0, cases: 0, keys: 0 });

    const byPrepare = randomUUID();
    await expect(open(byPrepare, async () => Promise.reject(new Error('this checklist is linked already')))).rejects.toThrow('this checklist is linked already');
    const byLink = randomUUID();
    let linked = false;
    await expect(
      open(byLink, async () => ({
        ...familyOf('Refused Child'),
        link: async (manager, caseId) => {
          // The family and the case row are written by now, in the same transaction, and undone with it.
          const [{ children }] = await manager.query(`SELECT count(*)::int AS children FROM family_members WHERE name = 'Refused Child'`);
          linked = (await new CaseStore(manager).exists(caseId)) && children === 1;
          throw new Error('the checklist was linked meanwhile');
        },
      })),
    ).rejects.toThrow('the checklist was linked meanwhile');
    expect(linked).toBe(true);
    expect(await familyFootprint(by, 'Refused Child')).toEqual(before);
    expect(await ds.query(`SELECT id FROM cases WHERE id = ANY($1::uuid[])`, [[byPrepare, byLink]])).toEqual([]);
  });

  it('the opening key is per actor: two people with one key open two cases, and each retry answers its own', async () => {
    const [first, second] = [await opener(), await opener()];
    const command = (by: Actor) => ({ workflowId: 'fixture', input: {}, attributes: { areaId: 'area-test' }, actor: by, idempotencyKey: 'the-same-key' });
    const a = await engine.open(command(first));
    const b = await engine.open(command(second));
    expect([a.replayed, b.replayed]).toEqual([false, false]);
    expect(b.caseId).not.toBe(a.caseId);
    expect(await engine.open(command(first))).toEqual({ ...a, replayed: true });
    expect(await engine.open(command(second))).toEqual({ ...b, replayed: true });
  });

  it('a replay answers the first case without asking prepare again (its checks would now fail); another request under the key is refused', async () => {
    const by = await opener();
    const request = { child: 'Replayed Child', areaId: 'area-test' };
    let prepared = 0;
    const open = (body: object) =>
      engine.open({
        workflowId: 'fixture',
        // Each attempt chooses its own case id: the key stands for `request`, not for the command.
        caseId: randomUUID(),
        input: {},
        attributes: { areaId: 'area-test' },
        actor: by,
        idempotencyKey: 'replay-1',
        request: body,
        prepare: async () => {
          prepared += 1;
          if (prepared > 1) throw new Error('the checklist is linked already');
          return familyOf('Replayed Child');
        },
      });
    const first = await open(request);
    const retry = await open({ ...request });
    expect(retry).toEqual({ ...first, replayed: true });
    const refused = await rejection(open({ ...request, child: 'Another Child' }));
    expect(refused.code).toBe(DomainErrorCode.IDEMPOTENCY_KEY_REUSED);
    expect(refused.message).toBe('This idempotency key was already used to open a different case. Use a new key for a new request.');
    expect(prepared).toBe(1);
    expect(await familyFootprint(by, 'Replayed Child')).toEqual({ families: 1, members: 2, cases: 1, keys: 1 });
  });
});

describe('audit trail', () => {
  it('is a valid sha256 hash chain ending at the case row', async () => {
    const caseId = await submittedCase();
    await engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1', note: { nested: [1, 'two', { z: 1, a: 2 }] } }, actor: coordinator });
    const store = new AuditStore(ds.manager);
    expect(await store.verifyChain(caseId)).toEqual({ valid: true, length: 4 });
    const events = await store.listForCase(caseId);
    const tampered = events.map((e, i) => (i === 1 ? { ...e, actorId: 'someone-else' } : e));
    expect(verifyAuditChain(tampered)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('is append-only', async () => {
    const caseId = await submittedCase();
    await expect(ds.query(`UPDATE audit_events SET actor_id = 'x' WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
    await expect(ds.query(`DELETE FROM audit_events WHERE case_id = $1`, [caseId])).rejects.toThrow(/append-only/);
  });
});

describe('a change of case data outside the machine (recordChangeIn)', () => {
  const change = (caseId: string, apply: () => Promise<Record<string, unknown> | null>, extra: { roleOnCase?: () => 'coordinator' | null; expectedVersion?: number } = {}) =>
    ds.transaction((manager) =>
      engine.recordChangeIn(manager, {
        caseId,
        actor: coordinator,
        eventType: 'UPDATE_CHILD_DETAILS',
        roleOnCase: extra.roleOnCase ?? (() => 'coordinator'),
        apply,
        ...(extra.expectedVersion !== undefined ? { expectedVersion: extra.expectedVersion } : {}),
      }),
    );

  it('appends its event to the case chain (version + 1, state and deadlines as they were), in the transaction of the change', async () => {
    const caseId = await submittedCase();
    const before = await footprint(caseId);
    expect(await change(caseId, async () => ({ familyMemberId: 'm-1', fields: ['school'] }))).toEqual({ caseId, version: 4, changed: true });
    const after = await footprint(caseId);
    expect({ ...after, row: { ...after.row, version: 3, last_audit_hash: before.row.last_audit_hash } }).toEqual({ ...before, audit: before.audit + 1 });
    const events = await new AuditStore(ds.manager).listForCase(caseId);
    expect(events.at(-1)).toMatchObject({ seq: 4, eventType: 'UPDATE_CHILD_DETAILS', actorId: coordinator.id, actorRole: 'coordinator', fromState: 'submitted', toState: 'submitted', data: { familyMemberId: 'm-1', fields: ['school'] } });
    expect(await new AuditStore(ds.manager).verifyChain(caseId)).toEqual({ valid: true, length: 4 });
    // The next transition chains on from it.
    await engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' }, actor: coordinator });
    expect(await new AuditStore(ds.manager).verifyChain(caseId)).toEqual({ valid: true, length: 5 });
  });

  it('writes nothing when nothing changed, when need to know refuses (CASE_NOT_FOUND), for a stale version, or when the change throws', async () => {
    const caseId = await submittedCase();
    const before = await footprint(caseId);
    expect(await change(caseId, async () => null)).toEqual({ caseId, version: 3, changed: false });
    let applied = false;
    const apply = async () => {
      applied = true;
      return { fields: ['school'] };
    };
    expect((await rejection(change(caseId, apply, { roleOnCase: () => null }))).code).toBe(DomainErrorCode.CASE_NOT_FOUND);
    expect((await rejection(change(caseId, apply, { expectedVersion: 2 }))).details).toMatchObject({ currentVersion: 3 });
    expect(applied).toBe(false);
    await expect(change(caseId, async () => Promise.reject(new Error('refused by the caller')))).rejects.toThrow('refused by the caller');
    expect(await footprint(caseId)).toEqual(before);
  });
});

describe('timers', () => {
  it('a deadline fires after a restart, as the system, and leaves the stage overdue', async () => {
    const caseId = await submittedCase();
    const [{ due_at: due }] = await ds.query(`SELECT due_at FROM cases WHERE id = $1`, [caseId]);

    ds = await restartTestDataSource(ds);
    engine = createEngine({ dataSource: ds, workflows: [fixtureWorkflow], clock });
    const worker = new TimerWorker({ dataSource: ds, engine, clock });
    expect(await worker.runDue({ caseIds: [caseId] })).toMatchObject({ fired: 0 });

    clock.advance(2 * WEEK);
    expect(await worker.runDue({ caseIds: [caseId] })).toEqual({ fired: 1, skipped: 0, rejected: 0, failed: 0 });
    expect(await worker.runDue({ caseIds: [caseId] })).toMatchObject({ fired: 0 });

    const [row] = await ds.query(`SELECT state, version, due_at, overdue FROM cases WHERE id = $1`, [caseId]);
    expect(row).toEqual({ state: 'submitted', version: 4, due_at: due, overdue: true });
    const audit = await new AuditStore(ds.manager).listForCase(caseId);
    expect(audit.at(-1)).toMatchObject({ seq: 4, eventType: REGISTRATION, actorId: 'system', actorRole: 'system', fromState: 'submitted', toState: 'submitted' });
    const outbox = await new OutboxStore(ds.manager).listForCase(caseId);
    expect(outbox.at(-1)).toMatchObject({ kind: 'notify', payload: { to: 'coordinator', reason: 'requestRegistrationOverdue' } });
    const [timer] = await new TimerStore(ds.manager).listForCase(caseId);
    expect(timer).toMatchObject({ active: true, firedAt: clock.now(), cancelledAt: null });

    // Registering late leaves the stage: the fired deadline no longer counts.
    const registered = await engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' }, actor: coordinator });
    expect(registered.state).toBe('assessment');
    const [after] = await ds.query(`SELECT overdue FROM cases WHERE id = $1`, [caseId]);
    expect(after.overdue).toBe(false);
    expect(await new AuditStore(ds.manager).verifyChain(caseId)).toMatchObject({ valid: true });
  });

  it('cancelled timers never fire', async () => {
    const caseId = await submittedCase();
    await engine.send({ caseId, event: { type: 'REGISTER_REQUEST', leadPractitionerId: 'lp-1' }, actor: coordinator });
    await engine.send({ caseId, event: { type: 'RAISE_CONCERN' }, actor: lead });
    const worker = new TimerWorker({ dataSource: ds, engine, clock });
    clock.advance(400 * DAY);
    expect(await worker.runDue({ caseIds: [caseId] })).toEqual({ fired: 0, skipped: 0, rejected: 0, failed: 0 });
    const timers = await new TimerStore(ds.manager).listForCase(caseId);
    expect(timers).toHaveLength(3);
    expect(timers.every((t) => !t.active && t.firedAt === null && t.cancelledAt !== null)).toBe(true);
    const [row] = await ds.query(`SELECT version, due_at FROM cases WHERE id = $1`, [caseId]);
    expect(row).toEqual({ version: 5, due_at: null });
  });

  it('a due timer whose event the machine refuses is spent, not retried', async () => {
    const caseId = await submittedCase();
    // Move the case on without the engine knowing the timer's state was left (as a broken
    // snapshot migration might): the timer's event is then not handled.
    await ds.query(`UPDATE cases SET snapshot = jsonb_set(snapshot, '{value}', '"onHold"'), state = 'onHold' WHERE id = $1`, [caseId]);
    clock.advance(3 * WEEK);
    const worker = new TimerWorker({ dataSource: ds, engine, clock });
    expect(await worker.runDue({ caseIds: [caseId] })).toMatchObject({ fired: 0, rejected: 1 });
    expect(await worker.runDue({ caseIds: [caseId] })).toMatchObject({ rejected: 0 });
    const [timer] = await new TimerStore(ds.manager).listForCase(caseId);
    expect(timer).toMatchObject({ active: false, firedAt: clock.now() });
  });

  it('start/stop runs the worker in the background', async () => {
    const caseId = await submittedCase();
    clock.advance(2 * WEEK);
    const worker = new TimerWorker({ dataSource: ds, engine, clock });
    const fired = new Promise<void>((resolve) => {
      const poll = async () => {
        // The registration deadline fires; the no-contact alert (4 weeks) is not due yet.
        const timers = await new TimerStore(ds.manager).listForCase(caseId);
        if (timers.some((t) => t.firedAt)) resolve();
        else setTimeout(poll, 20);
      };
      void poll();
    });
    // Scoped to this case: earlier tests left due timers on the shared database and clock.
    worker.start(10, 100, [caseId]);
    await fired;
    await worker.stop();
  });
});
