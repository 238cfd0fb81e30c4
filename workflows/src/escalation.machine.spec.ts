import type { AcknowledgeReport, ActorRef, SubmitReport } from '@tacu/domain';
import { caseWorkflow } from './case.machine';
import { escalationWorkflow as wf } from './escalation.machine';
import { explainRejection } from './explain';
import { accept, ctx, MAIN_PATH, notifications, RAISE_CONCERN_SAMPLE, roundTrip, send, start, stateOf, walk, WITHDRAW, reach } from './testing';

const LEAD: ActorRef = { id: 'u-lp-0001', role: 'leadPractitioner' };
const DLP: ActorRef = { id: 'u-dlp-0001', role: 'designatedLiaisonPerson' };
const AGENCY: ActorRef = { id: 'u-agency-0001', role: 'agencyPractitioner' };

const report = (overrides: Partial<SubmitReport> = {}): SubmitReport => ({
  type: 'SUBMIT_REPORT',
  statutoryService: 'Tusla',
  method: 'portal',
  jointReport: false,
  parentsInformed: true,
  ...overrides,
});
const byPhone = (overrides: Partial<SubmitReport> = {}) => report({ method: 'phone', ...overrides });
const withoutParents = { parentsInformed: false } as const;

// The escalation's states in the case (the concern it records is raised there), from the assessment.
const cw = caseWorkflow;
const assessing = () => reach(cw, MAIN_PATH.slice(0, MAIN_PATH.indexOf('RECORD_ASSESSMENT')));
const raised = () => accept(cw, assessing(), RAISE_CONCERN_SAMPLE, undefined, LEAD).snapshot;
const consulted = () => accept(cw, raised(), 'CONSULT_LIAISON', undefined, LEAD).snapshot;
const phoned = () => accept(cw, consulted(), byPhone(), undefined, DLP).snapshot;

/** The event is refused in this snapshot: no transition, and the reasons say why. */
function refused(snapshot: ReturnType<typeof raised>, event: SubmitReport | AcknowledgeReport, actor: ActorRef = LEAD) {
  const restored = roundTrip(cw, snapshot, undefined, actor);
  expect(restored.can(event)).toBe(false);
  return explainRejection(restored, event);
}

describe('escalation machine', () => {
  it('the case is on hold while the escalation is open', () => {
    expect(wf.project(start(wf).snapshot)).toEqual(expect.objectContaining({ stage: 'escalation', status: 'onHold', state: 'raised' }));
  });

  it('concernReported: reported the same day (from 09:00 UTC, 15 hours)', () => {
    const raise = start(wf).actions.find((a) => a.type === 'xstate.raise') as unknown as { params: { delay: number } };
    expect(raise.params.delay).toBe(15 * 3_600_000);
  });

  it('raised → liaisonConsulted → reported → acknowledged → outcome', () => {
    const states = walk(wf, ['CONSULT_LIAISON', 'SUBMIT_REPORT', 'ACKNOWLEDGE_REPORT', 'RECORD_CONCERN_OUTCOME']).map(stateOf);
    expect(states).toEqual(['raised', 'liaisonConsulted', 'reported.inWriting', 'acknowledged', 'outcome']);
  });

  it('the designated liaison person may decide not to report, and the record says who decided', () => {
    expect(stateOf(reach(wf, ['CONSULT_LIAISON', 'DECIDE_NOT_TO_REPORT']))).toBe('notReported');
    const s = accept(cw, consulted(), { type: 'DECIDE_NOT_TO_REPORT', reason: 'Below the threshold.' }, undefined, DLP).snapshot;
    expect(stateOf(s)).toBe('assessment.inProgress');
    expect(ctx(s).concerns[0]?.decidedNotToReport).toEqual(expect.objectContaining({ reason: 'Below the threshold.', by: DLP }));
  });

  it('consent never blocks it: a withdrawal is recorded and the escalation goes on', () => {
    let s = accept(wf, start(wf).snapshot, WITHDRAW).snapshot;
    expect(stateOf(s)).toBe('raised');
    expect(ctx(s).consents[0]?.withdrawn).toBeDefined();
    s = accept(wf, s, 'CONSULT_LIAISON').snapshot;
    expect(stateOf(s)).toBe('liaisonConsulted');
  });
});

describe('a mandated person reports directly (Children First Act 2015, s. 14)', () => {
  it('from raised, without the liaison person: reported, the same-day deadline ends, the liaison person is told, the record names the sender', () => {
    const { snapshot, actions } = accept(cw, raised(), report({ statutoryReference: 'TUS-2026-1' }), undefined, LEAD);
    expect(stateOf(snapshot)).toBe('escalation.reported.inWriting');
    expect(notifications(actions)).toEqual([{ to: 'designatedLiaisonPerson', about: 'SUBMIT_REPORT' }]);
    expect(ctx(snapshot).deadlineStarts.concernReported).toBeUndefined();
    expect(ctx(snapshot).concerns[0]?.reports).toEqual([
      { statutoryService: 'Tusla', method: 'portal', statutoryReference: 'TUS-2026-1', jointReport: false, parentsInformed: true, at: ctx(snapshot).now, reporter: LEAD },
    ]);
  });

  it('an invited agency practitioner reports as themself; a name the event gives for the reporter is not taken', () => {
    const claimed = { ...report(), reporter: { id: 'u-lp-0001', role: 'leadPractitioner' } } as SubmitReport;
    const s = accept(cw, raised(), claimed, undefined, AGENCY).snapshot;
    expect(ctx(s).concerns[0]?.reports[0]?.reporter).toEqual(AGENCY);
  });

  it('a joint report (s. 14(3)) records the sender and the other reporter', () => {
    const joint = report({ jointReport: true, jointReporter: { name: 'Patrick Ryan', personId: DLP.id } });
    const s = accept(cw, raised(), joint, undefined, LEAD).snapshot;
    expect(ctx(s).concerns[0]?.reports[0]).toEqual(expect.objectContaining({ jointReport: true, jointReporter: { name: 'Patrick Ryan', personId: DLP.id }, reporter: LEAD }));
  });

  it('an urgent direct report by phone waits for the written report', () => {
    expect(stateOf(accept(cw, raised(), byPhone(), undefined, LEAD).snapshot)).toBe('escalation.reported.phoned');
  });
});

// Each guarded transition of escalation.machine.ts, with its guard false: the event is refused
// (a guard replaced by `true` fails one of these).
describe.each([
  ['raised', raised],
  ['liaisonConsulted', consulted],
] as const)('the first report from %s', (_name, at) => {
  it('reportMadeByPhone and reportReady: a phone report that does not say whether the parents were told is refused', () => {
    expect(refused(at(), byPhone(withoutParents))).toEqual(expect.arrayContaining([expect.stringMatching(/whether the parents were told/)]));
  });

  it('reportReady: a written or portal report that does not say whether the parents were told is refused', () => {
    for (const method of ['portal', 'written'] as const) {
      expect(refused(at(), report({ method, ...withoutParents }))).toEqual([expect.stringMatching(/whether the parents were told/)]);
    }
  });

  it('reportReady: a joint report without the other reporter, another reporter on a report made alone, or oneself as the other are refused', () => {
    expect(refused(at(), report({ jointReport: true }))).toEqual([expect.stringMatching(/^A joint report names the other person/)]);
    expect(refused(at(), byPhone({ jointReport: true }))).toEqual(expect.arrayContaining([expect.stringMatching(/^A joint report names the other person/)]));
    expect(refused(at(), report({ jointReporter: { name: 'Patrick Ryan' } }))).toEqual([expect.stringMatching(/^jointReporter names someone, but jointReport is not true/)]);
    expect(refused(at(), report({ jointReport: true, jointReporter: { name: 'Aoife', personId: LEAD.id } }), LEAD)).toEqual([
      expect.stringMatching(/^The joint reporter named is you/),
    ]);
  });

  it('reportMadeByPhone: a report not made by phone is made in writing, with no written report to wait for', () => {
    for (const method of ['portal', 'written'] as const) {
      const { snapshot, actions } = accept(cw, at(), report({ method }), undefined, DLP);
      expect(stateOf(snapshot)).toBe('escalation.reported.inWriting');
      expect(actions.some((a) => (a as unknown as { params?: { id?: string } }).params?.id?.includes('writtenReportAfterPhone'))).toBe(false);
    }
  });
});

describe('after a phone report only the written report completes the reporting', () => {
  it('writtenReportReady: a second phone report is refused, saying the written report follows', () => {
    const reasons = refused(phoned(), byPhone());
    expect(reasons).toEqual([
      'The report was already made by phone: what follows it is the written report, on the report form or through the portal (method "written" or "portal"), within 3 days of the call.',
    ]);
    expect(ctx(send(cw, phoned(), byPhone()).snapshot).concerns[0]?.reports).toHaveLength(1);
  });

  it('writtenReportReady: a written report that does not say whether the parents were told is refused', () => {
    expect(refused(phoned(), report({ method: 'written', ...withoutParents }))).toEqual([expect.stringMatching(/whether the parents were told/)]);
  });

  it('writtenReportReady: a joint written report without the other reporter is refused', () => {
    expect(refused(phoned(), report({ method: 'written', jointReport: true }))).toEqual([expect.stringMatching(/^A joint report names the other person/)]);
  });

  it("writtenReportMade: the call's acknowledgement is refused until the written report is made; then it is taken", () => {
    const acknowledgement: AcknowledgeReport = { type: 'ACKNOWLEDGE_REPORT', reference: 'TUSLA-2026-0042' };
    expect(refused(phoned(), acknowledgement, DLP)).toEqual([
      'The report was made by phone: record the written report that must follow it (within 3 days of the call) before the acknowledgement.',
    ]);
    expect(stateOf(send(cw, phoned(), acknowledgement).snapshot)).toBe('escalation.reported.phoned');
    const written = accept(cw, phoned(), report({ method: 'written' }), undefined, LEAD).snapshot;
    expect(stateOf(accept(cw, written, acknowledgement, undefined, DLP).snapshot)).toBe('escalation.acknowledged');
  });

  it('the written report (or the portal) ends the wait, is recorded with its reporter, and the liaison person is told', () => {
    for (const method of ['written', 'portal'] as const) {
      const { snapshot, actions } = accept(cw, phoned(), report({ method }), undefined, LEAD);
      expect(stateOf(snapshot)).toBe('escalation.reported.inWriting');
      expect(notifications(actions)).toEqual([{ to: 'designatedLiaisonPerson', about: 'SUBMIT_REPORT' }]);
      expect(ctx(snapshot).concerns[0]?.reports.map((r) => [r.method, r.reporter])).toEqual([
        ['phone', DLP],
        [method, LEAD],
      ]);
    }
  });
});

describe('deadlineNotYetMarked: the same-day deadline notifies once, whichever state its timer fires in', () => {
  const timer = (state: 'raised' | 'liaisonConsulted') => ({ type: `xstate.after.concernReported.case.escalation.${state}` });

  it('fired in raised, then re-armed in liaisonConsulted: the second firing is refused and tells nobody', () => {
    const fired = accept(cw, raised(), timer('raised'), '2026-11-24T09:00:00.000Z');
    expect(notifications(fired.actions)).toEqual([{ to: 'coordinator', about: 'concernReported' }]);
    const s = accept(cw, fired.snapshot, 'CONSULT_LIAISON', undefined, LEAD).snapshot;
    expect(roundTrip(cw, s).can(timer('liaisonConsulted'))).toBe(false);
    expect(notifications(send(cw, s, timer('liaisonConsulted')).actions)).toEqual([]);
  });

  it('already marked overdue in raised: its timer is refused there too', () => {
    const json = JSON.parse(JSON.stringify(cw.machine.getPersistedSnapshot(raised())));
    json.context.overdue = { concernReported: '2026-11-24T00:00:00.000Z' };
    const marked = cw.machine.restoreSnapshot(json, undefined as never);
    expect(marked.can(timer('raised'))).toBe(false);
    // Not marked yet: it fires.
    expect(roundTrip(cw, raised()).can(timer('raised'))).toBe(true);
  });
});

describe('the record says who acted on the concern', () => {
  it('the outcome names the liaison person who recorded it', () => {
    let s = accept(cw, consulted(), report(), undefined, DLP).snapshot;
    s = accept(cw, s, 'ACKNOWLEDGE_REPORT', undefined, DLP).snapshot;
    s = accept(cw, s, { type: 'RECORD_CONCERN_OUTCOME', outcome: 'noFurtherAction', notes: 'Screened out.' }, undefined, DLP).snapshot;
    expect(ctx(s).concerns[0]?.outcome).toEqual(expect.objectContaining({ outcome: 'noFurtherAction', by: DLP }));
  });
});
