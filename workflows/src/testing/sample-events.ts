/**
 * Sample events for model-based tests: for a snapshot of any of the machines, one valid,
 * guard-satisfying event per event type the snapshot accepts, built from its context (e.g.
 * SIGN_OFF_PLAN names the current plan version; invitees come from agencies the consent covers).
 *
 * `sampleEventsFor` (what `getShortestPaths(machine, { events: sampleEventsFor })` is given) is
 * lean so that the graph is finite and small: detours (a raised concern, a cancelled meeting,
 * a reopened assessment, requested plan changes, a revision, a further review cycle, a missed
 * deadline, a withdrawal during an escalation, a second parent's consent at the meeting followed
 * by the first parent's withdrawal and the coordinator's decision) are offered only while the case has taken none,
 * and in the case machine a detour is followed until the case leaves the stage it happened in;
 * a concern is raised from one state of each stage; each deadline fires from one state; the
 * variants inside an escalation are explored on the last raise point (closure) only; a case
 * closes at a closing meeting on the clean way after a review, and without one when closed early
 * or after a detour.
 * Timer events (`xstate.after.*`) are offered as steps. `allSampleEventsFor` offers everything.
 */
import { initialTransition, transition, type AnyEventObject, type AnyMachineSnapshot } from 'xstate';
import { effectiveConsent } from '@tacu/domain';
import type {
  CaseEvent,
  CaseEventType,
  DraftPlan,
  InviteToMeeting,
  PlannedAction,
  RaiseConcern,
  RecordConsent,
  RecordContact,
  WithdrawConsent,
} from '@tacu/domain';
import { consentOf } from '../consent';
import type { CaseContext, CaseInput } from '../context';
import type { WorkflowDefinition } from '../definition';
import { SAMPLE_CALENDAR } from './sample-calendar';

export const SAMPLE_NOW = '2026-11-23T09:00:00.000Z';
export const SAMPLE_LEAD = 'lead-1';
export const SAMPLE_AGENCIES = ['HSE Public Health Nursing', 'Family Resource Centre'];

export const SAMPLE_INPUT: Omit<CaseInput, 'now'> & { now: string } = { caseId: 'case-sample', now: SAMPLE_NOW, origin: 'school', calendar: SAMPLE_CALENDAR };

export const RECORD_CONSENT_SAMPLE: RecordConsent = {
  type: 'RECORD_CONSENT',
  givenBy: { name: 'Parent A', hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: SAMPLE_AGENCIES, contactPractitioner: 'Class teacher' },
  youngPersonConsent: { given: false, reasonNotSought: 'The child is six: their views are gathered through play instead.' },
  signedOn: '2026-11-23',
};

/** A second parent's own consent, narrower than the first's: one agency, and one they ask not to share with. */
export const SECOND_PARENT_CONSENT: RecordConsent = {
  type: 'RECORD_CONSENT',
  givenBy: { name: 'Parent B', hasParentalResponsibility: true },
  scopes: { takePart: true, keepRecords: true, shareWithAgencies: [SAMPLE_AGENCIES[0] as string], doNotShareWith: [SAMPLE_AGENCIES[1] as string], planCopyTo: ['Parent B'] },
  youngPersonConsent: { given: false, reasonNotSought: 'The child is six: their views are gathered through play instead.' },
  signedOn: '2026-11-23',
};

export const WITHDRAW: WithdrawConsent = {
  type: 'WITHDRAW_CONSENT',
  withdrawnBy: { name: 'Parent A' },
  reason: 'The family no longer wishes to take part.',
};

export const RAISE_CONCERN_SAMPLE: RaiseConcern = {
  type: 'RAISE_CONCERN',
  category: 'neglect',
  mandatedReport: true,
  observed: 'The child said there had been no food at home over the weekend.',
  immediateSafety: { childSafeNow: true, actionTaken: 'The child had breakfast at school; the designated liaison person was told.' },
};

/** A home visit on the sample day, an hour after the case opened (the case's first contact). */
export const RECORD_CONTACT_SAMPLE: RecordContact = {
  type: 'RECORD_CONTACT',
  contactedOn: '2026-11-23T10:00:00.000Z',
  method: 'homeVisit',
  with: [{ name: 'Parent A' }],
  note: 'Talked through the morning routine with the parent.',
};

export const SAMPLE_ACTIONS: PlannedAction[] = [
  {
    id: 'a1',
    answers: 'Regular school attendance',
    what: 'Morning routine support twice a week',
    owner: { name: 'Family support worker', agency: 'Family Resource Centre' },
    dueDate: '2027-01-31',
    status: 'notStarted',
  },
];

const view = (words: string) => ({ words });

function invitation(context: CaseContext): InviteToMeeting {
  const agencies = effectiveConsent(consentOf(context)).shareWithAgencies;
  return {
    type: 'INVITE_TO_MEETING',
    scheduledFor: '2026-12-10T10:00:00.000Z',
    location: 'Family Resource Centre',
    chair: { name: 'Lead practitioner' },
    minuteTaker: { name: 'Coordinator' },
    invitees: [
      { name: 'Parent A', approvedByFamily: true },
      ...agencies.map((agency) => ({ name: `Practitioner of ${agency}`, agency, approvedByFamily: true })),
    ],
  };
}

function draftPlan(): DraftPlan {
  return { type: 'DRAFT_PLAN', actions: SAMPLE_ACTIONS, childViews: view('I want to get to school on time with my friends.') };
}

/** A guard-satisfying sample of one event type, for a context (or several, where variants matter). */
export function samplesOf(type: CaseEventType, context: CaseContext): CaseEvent[] {
  switch (type) {
    case 'RECORD_REQUEST_DETAILS':
      return [
        {
          type,
          reasonForRequest: 'School attendance has dropped and the family asked for help with mornings.',
          preRequestChecklist: {
            ratings: [{ outcome: 'achievingFullPotential', rating: 1, reason: 'Missed 12 days this term.' }],
            completedWithParent: true,
            completedWithChild: false,
          },
        },
      ];
    case 'REQUEST_CONSENT':
      return [{ type }];
    case 'RECORD_CONSENT':
      return [RECORD_CONSENT_SAMPLE, SECOND_PARENT_CONSENT];
    case 'SUBMIT_REQUEST':
      return [{ type }];
    case 'REGISTER_REQUEST':
      return [{ type, leadPractitionerId: context.leadPractitionerId ?? SAMPLE_LEAD }];
    case 'REDIRECT_REQUEST':
      return [{ type, service: 'Speech and language therapy', reason: 'The need is met by a single service.' }];
    case 'DECLINE_REQUEST':
      return [{ type, reason: 'The child does not live in this network area.' }];
    case 'RECORD_ASSESSMENT':
      return [
        {
          type,
          strengths: [{ side: 'whatINeedFromPeopleWhoLookAfterMe', description: 'A loving, involved grandmother.' }],
          needs: [{ side: 'howIGrowAndDevelop', description: 'Getting to school on time.', category: 'school attendance', scale: 4 }],
          desiredOutcomes: ['The child attends school every day.'],
          views: { child: view('Mornings are hard.'), parents: view('We need help with the mornings.'), practitioner: 'A capable family under strain.' },
        },
      ];
    case 'COMPLETE_ASSESSMENT':
      return [{ type }];
    case 'AGREE_ASSESSMENT':
      return [{ type, agreedBy: { name: 'Parent A' } }];
    case 'REOPEN_ASSESSMENT':
      return [{ type, reason: 'The family want to add what the grandmother does.' }];
    case 'INVITE_TO_MEETING':
      return [invitation(context)];
    case 'HOLD_MEETING':
      return [{ type, heldOn: '2026-12-10', attendance: [{ name: 'Parent A' }, { name: 'Lead practitioner' }], apologies: [] }];
    case 'CANCEL_MEETING':
      return [{ type, reason: 'The parent is unwell.' }];
    case 'RESCHEDULE_MEETING':
      return [{ type }];
    case 'DISTRIBUTE_MINUTES':
      return [{ type, minutes: 'Agreed a morning routine plan.', distributedTo: [{ name: 'Parent A' }] }];
    case 'DRAFT_PLAN':
      return [draftPlan()];
    case 'SUBMIT_PLAN_FOR_SIGN_OFF':
      return [{ type }];
    case 'SIGN_OFF_PLAN':
      return [{ type, planVersion: context.plan.version, signedBy: { name: 'Parent A', as: 'parentCarer' }, method: 'inPerson' }];
    case 'REQUEST_PLAN_CHANGES':
      return [{ type, changesRequested: 'Please add help on Fridays too.' }];
    case 'REPORT_ACTION_PROGRESS':
      return [{ type, actionId: context.plan.actions[0]?.id ?? 'a1', status: 'inProgress', progress: 'Started' }];
    case 'HOLD_REVIEW':
      return [{ type, heldOn: '2027-01-20', attendance: [{ name: 'Parent A' }, { name: 'Lead practitioner' }], apologies: [], chair: { name: 'Lead practitioner' } }];
    case 'RECORD_REVIEW':
      return [
        {
          type,
          progress: context.plan.actions.map((a) => ({ actionId: a.id, status: 'inProgress' as const, note: 'Started' })),
          ratings: [{ outcome: 'achievingFullPotential', rating: 2, reason: 'Attendance up to 90%.' }],
          familyViews: view('Mornings are calmer.'),
          childViews: view('I like walking to school with Gran.'),
          minutes: 'Reviewed the morning routine; attendance is up. The plan continues.',
        },
      ];
    case 'CONTINUE_PLAN':
      return [{ type }];
    case 'REVISE_PLAN':
      return [{ type, reason: 'Add support for homework.' }];
    case 'PROPOSE_CLOSURE':
      return [context.review.recorded > 0 ? { type, reason: 'needsMet' } : { type, reason: 'familyDisengaged' }];
    case 'RECORD_CLOSURE_FEEDBACK':
      return [
        {
          type,
          familyFeedback: view('The help with mornings made a difference.'),
          childFeedback: view('I am on time now.'),
          finalRatings: [{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attending every day.' }],
          onwardReferrals: [],
          // The closing meeting's minutes when one was held (closingMeetingMinutes).
          ...(context.closure.meeting ? { minutes: 'Closing meeting: the family and the school agreed the plan has done its work.' } : {}),
        },
      ];
    case 'HOLD_CLOSING_MEETING':
      return [{ type, heldOn: '2027-03-03', attendance: [{ name: 'Parent A' }, { name: 'Lead practitioner' }], apologies: [{ name: 'Class teacher' }], chair: { name: 'Lead practitioner' } }];
    case 'CLOSE_CASE':
      return [{ type }];
    case 'RAISE_CONCERN':
      return [RAISE_CONCERN_SAMPLE];
    case 'CONSULT_LIAISON':
      return [{ type, liaison: { name: 'Designated liaison person' }, advice: 'Report to Tusla today.' }];
    case 'SUBMIT_REPORT':
      return [
        { type, statutoryService: 'Tusla', method: 'portal', jointReport: false, parentsInformed: true },
        {
          type,
          statutoryService: 'Tusla',
          method: 'phone',
          jointReport: true,
          jointReporter: { name: 'Designated liaison person' },
          parentsInformed: false,
          reasonParentsNotInformed: 'Telling the parents now could put the child at risk.',
        },
      ];
    case 'DECIDE_NOT_TO_REPORT':
      return [{ type, reason: 'The threshold for a report is not met; support continues.' }];
    case 'ACKNOWLEDGE_REPORT':
      return [{ type, reference: 'TUSLA-2026-0001' }];
    case 'RECORD_CONCERN_OUTCOME':
      return [
        { type, outcome: 'returnToEarlyIntervention', notes: 'Early intervention continues with the plan.' },
        { type, outcome: 'steppedUp', notes: 'Social work takes the case.' },
        { type, outcome: 'noFurtherAction', notes: 'No further action by the statutory service.' },
      ];
    case 'WITHDRAW_CONSENT':
      return [WITHDRAW];
    case 'RECORD_CONTACT':
      return [RECORD_CONTACT_SAMPLE];
    case 'DECIDE_ON_WITHDRAWAL':
      return [
        { type, decision: 'continueWithRemainingConsent', reason: "Parent B's consent still covers what the plan needs." },
        { type, decision: 'closeCase', reason: 'The family no longer takes part.' },
      ];
    case 'ASSIGN_LEAD_PRACTITIONER':
      return [{ type, leadPractitionerId: SAMPLE_LEAD }];
  }
}

interface NodeLike {
  id: string;
  ownEvents: string[];
}

function activeNodes(snapshot: AnyMachineSnapshot): NodeLike[] {
  return (snapshot as unknown as { _nodes: NodeLike[] })._nodes;
}

/** Event types (and timer events) the active states handle. */
export function handledEventTypes(snapshot: AnyMachineSnapshot): string[] {
  return [...new Set(activeNodes(snapshot).flatMap((n) => n.ownEvents))].filter((t) => !t.startsWith('xstate.done.'));
}

function acceptable(snapshot: AnyMachineSnapshot, events: AnyEventObject[]): AnyEventObject[] {
  return events.filter((e) => snapshot.status === 'active' && snapshot.can(e));
}

/** Every event the snapshot accepts: one sample per event type (variants where they matter) and each timer. */
export function allSampleEventsFor(snapshot: AnyMachineSnapshot): AnyEventObject[] {
  const context = snapshot.context as CaseContext;
  const events = handledEventTypes(snapshot).flatMap((type): AnyEventObject[] =>
    type.startsWith('xstate.') ? [{ type }] : samplesOf(type as CaseEventType, context),
  );
  return acceptable(snapshot, events);
}

// ---- the lean choice -----------------------------------------------------------------------

/** One state per stage a concern is raised from in the graph (not the first: resuming there proves the history). */
const RAISE_POINTS = new Set([
  'request.awaitingConsent',
  'assessment.completed',
  'meeting.invited',
  'actionPlan.awaitingFamilySignOff',
  'review.recorded',
  'closure.feedbackCollected',
]);
/**
 * Where each deadline that marks a stage overdue fires in the graph (one state each, so firing
 * it earlier or later in the stage does not make two paths to the same state). Timers that only
 * notify (reviewReminder, caseOpenCheck) change nothing and may fire anywhere.
 */
const TIMER_POINTS: Record<string, string> = {
  requestRegistration: 'submitted',
  assessmentCompletion: 'inProgress',
  meetingHeld: 'proposed',
  minutesDistributed: 'held',
  planSignOff: 'drafting',
  reviewOverdue: 'scheduled',
  reviewRecorded: 'held',
  closureCompletion: 'proposed',
  concernReported: 'raised',
  writtenReportAfterPhone: 'phoned',
};

/** Where a contact with the family is logged in the graph (once: each contact makes new states). */
const CONTACT_POINTS = new Set(['assessment.inProgress', 'inProgress']);

/** Where closure is proposed early (outside a review) in the graph. */
const EARLY_CLOSURE_POINTS = new Set(['assessment.inProgress']);

const DETOUR_EVENTS = new Set<string>(['CANCEL_MEETING', 'REOPEN_ASSESSMENT', 'REQUEST_PLAN_CHANGES', 'CONTINUE_PLAN', 'REVISE_PLAN']);

function detoured(c: CaseContext): boolean {
  return (
    c.concerns.length > 0 ||
    c.meeting.cancellations.length > 0 ||
    c.assessment.reopenReasons.length > 0 ||
    c.plan.changeRequests.length > 0 ||
    c.plan.version > 1 ||
    c.plan.revision !== null ||
    c.review.cycles > 1 ||
    c.review.current?.decision === 'continue' ||
    c.review.current?.decision === 'revise' ||
    c.missedDeadlines.length > 0 ||
    c.consents.length > 1 ||
    anyWithdrawn(c) ||
    (c.lastContactWithFamilyAt ?? null) !== null
  );
}

const anyWithdrawn = (c: CaseContext): boolean => c.consents.some((p) => p.withdrawn !== null);

/** Where a second parent's consent is recorded in the graph (then the first withdraws, and the coordinator decides). */
const SECOND_CONSENT_POINT = 'meeting.proposed';

const DEADLINE_STAGE: Record<string, string> = {
  requestRegistration: 'request',
  assessmentCompletion: 'assessment',
  meetingHeld: 'meeting',
  minutesDistributed: 'meeting',
  planSignOff: 'actionPlan',
  reviewReminder: 'review',
  reviewOverdue: 'review',
  reviewRecorded: 'review',
  closureCompletion: 'closure',
  concernReported: 'escalation',
  writtenReportAfterPhone: 'escalation',
};

/** The stage where the case's first detour happened: the lean graph explores a detour until the case leaves that stage. */
function detourStage(c: CaseContext): string | null {
  if (c.concerns.length > 0) return c.concerns[0].raisedInStage ?? 'escalation';
  if (c.missedDeadlines.length > 0) return DEADLINE_STAGE[c.missedDeadlines[0].deadline] ?? null;
  if (c.meeting.cancellations.length > 0) return 'meeting';
  if (c.assessment.reopenReasons.length > 0) return 'assessment';
  if (c.plan.changeRequests.length > 0 || c.plan.version > 1 || c.plan.revision !== null) return 'actionPlan';
  // Concerns and revisions are caught above: a second cycle follows a plan that continued.
  if (c.review.cycles > 1 || c.review.current?.decision === 'continue') return 'review';
  if ((c.lastContactWithFamilyAt ?? null) !== null) return 'assessment';
  if (c.consents.length > 1) return SECOND_CONSENT_POINT.split('.')[0] ?? null;
  return null;
}

function dotted(snapshot: AnyMachineSnapshot): string {
  const v = snapshot.value;
  if (typeof v === 'string') return v;
  const walk = (x: unknown): string =>
    typeof x === 'string' ? x : Object.entries(x as object).map(([k, c]) => (c && Object.keys(c).length ? `${k}.${walk(c)}` : k)).join(',');
  return walk(v);
}

function initialStateOf(snapshot: AnyMachineSnapshot): string {
  const root = (snapshot as unknown as { machine: { root: { initial?: { target: { key: string }[] } } } }).machine.root;
  return root.initial?.target[0]?.key ?? '';
}

/**
 * The events a model-based test explores from this snapshot: guard-satisfying, and pruned so the
 * reachable graph stays finite and small (see the file comment).
 */
export function sampleEventsFor(snapshot: AnyMachineSnapshot): AnyEventObject[] {
  const c = snapshot.context as CaseContext;
  const isCase = (snapshot as unknown as { machine: { id: string } }).machine.id === 'case';
  const state = dotted(snapshot);
  const inEscalation = isCase ? state.startsWith('escalation') : (snapshot as unknown as { machine: { id: string } }).machine.id === 'escalation';
  const clean = !detoured(c);
  // Variants inside an escalation: explored for the first raise point (or the escalation machine) only.
  const firstConcern = c.concerns[0];
  const fullEscalation = !firstConcern || firstConcern.raisedInStage === null || firstConcern.raisedInStage === 'closure';
  if (isCase && !clean) {
    // While processing is stopped after a withdrawal, the case is still in the stage it stopped in.
    const top = state === 'consentWithdrawal' ? c.consentHold?.stage : state.split('.')[0];
    const stage = detourStage(c);
    // A detour is followed until the case leaves the stage it happened in (or the escalation ends).
    if (stage !== null && top !== stage && top !== 'escalation') return [];
  }

  const raisedIn = firstConcern?.raisedInStage ?? null;
  const closesAtMeeting = clean && c.review.recorded > 0;
  return allSampleEventsFor(snapshot).filter((e) => {
    const t = e.type;
    if (inEscalation && isCase) return escalationVariantAllows(e, raisedIn, state, c);
    if (t.startsWith('xstate.after.')) {
      const deadline = t.split('.')[2];
      const point = TIMER_POINTS[deadline];
      if (!point) return true; // only notifies: a self-loop
      const here = state === point || state.endsWith(`.${point}`);
      return here && (inEscalation ? fullEscalation && c.missedDeadlines.length === 0 && !anyWithdrawn(c) : clean);
    }
    if (DETOUR_EVENTS.has(t)) return clean;
    switch (t) {
      case 'RAISE_CONCERN':
        return !inEscalation && clean && (!isCase || RAISE_POINTS.has(state));
      case 'WITHDRAW_CONSENT':
        // Inside the escalation machine: once, right after it is raised (it must not stop the escalation).
        // In the case: the only consent (it closes), or the first of two parents' (processing stops).
        if (inEscalation) return !anyWithdrawn(c) && state === 'raised' && c.missedDeadlines.length === 0;
        return clean || (c.consents.length === 2 && !anyWithdrawn(c) && state === SECOND_CONSENT_POINT);
      case 'RECORD_CONSENT':
        // Consent is recorded once, where the process asks for it (the first state of a process
        // machine); in the case a second parent's consent once, at the meeting.
        if ((e as RecordConsent).givenBy.name === SECOND_PARENT_CONSENT.givenBy.name) return isCase && clean && state === SECOND_CONSENT_POINT && c.consents.length === 1;
        return c.consents.length === 0 && (isCase ? state === 'request.awaitingConsent' : state === initialStateOf(snapshot));
      case 'ASSIGN_LEAD_PRACTITIONER':
        return !isCase && c.leadPractitionerId === null && state === initialStateOf(snapshot);
      case 'RECORD_CONTACT':
        return clean && CONTACT_POINTS.has(state);
      case 'DRAFT_PLAN':
        return (
          c.plan.version === 0 ||
          c.plan.changeRequests.some((r) => r.planVersion === c.plan.version) ||
          c.plan.revision?.fromVersion === c.plan.version
        );
      case 'PROPOSE_CLOSURE':
        if (state === 'review.recorded' || state === 'proposed' || state === 'closure.proposed' || state === 'recorded') return true;
        return isCase ? clean && EARLY_CLOSURE_POINTS.has(state) : true;
      case 'HOLD_CLOSING_MEETING':
        // In the case, the clean way closes at a closing meeting after a review; an early or detoured closure without one.
        return !isCase || closesAtMeeting;
      case 'RECORD_CLOSURE_FEEDBACK':
        return !isCase || !closesAtMeeting || !!c.closure.meeting;
      case 'REPORT_ACTION_PROGRESS':
        return c.plan.actions[0]?.status === 'notStarted';
      case 'RECORD_CONCERN_OUTCOME':
        return true;
      default:
        return true;
    }
  });
}

/**
 * Inside the case machine's escalation, each raise point follows one variant (the escalation
 * machine on its own explores them all): from the request, a mandated person reports directly
 * through the portal (without the liaison person) and the case returns to early intervention;
 * otherwise the liaison person is consulted, the report made through the portal and the case
 * returned to early intervention; from assessment the same-day deadline passes; from the meeting the designated
 * liaison person decides not to report; from the plan the case is stepped up; at review the
 * family withdraws consent while the escalation goes on; at closure an urgent phone report is
 * followed by a written one (or its deadline passes) and the outcome is no further action.
 */
function escalationVariantAllows(e: AnyEventObject, raisedIn: string | null, state: string, c: CaseContext): boolean {
  const t = e.type;
  const method = (e as { method?: string }).method;
  const outcome = (e as { outcome?: string }).outcome;
  if (t.startsWith('xstate.after.')) {
    const deadline = t.split('.')[2];
    if (deadline === 'concernReported') return raisedIn === 'assessment' && state === 'escalation.raised' && c.missedDeadlines.length === 0;
    if (deadline === 'writtenReportAfterPhone') return raisedIn === 'closure' && c.missedDeadlines.length === 0;
    return !TIMER_POINTS[deadline];
  }
  switch (t) {
    case 'CONSULT_LIAISON':
      return raisedIn !== 'request';
    case 'SUBMIT_REPORT':
      if (raisedIn === 'meeting') return false;
      if (state === 'escalation.reported.phoned') return true;
      if (state === 'escalation.raised') return raisedIn === 'request' && method === 'portal';
      return raisedIn === 'closure' ? method === 'phone' : method === 'portal';
    case 'DECIDE_NOT_TO_REPORT':
      return raisedIn === 'meeting';
    case 'RECORD_CONCERN_OUTCOME':
      if (raisedIn === 'actionPlan') return outcome === 'steppedUp';
      if (raisedIn === 'closure') return outcome === 'noFurtherAction';
      return outcome === 'returnToEarlyIntervention';
    case 'WITHDRAW_CONSENT':
      return raisedIn === 'review' && state === 'escalation.raised' && !anyWithdrawn(c);
    case 'RECORD_CONSENT':
    case 'RAISE_CONCERN':
    case 'ASSIGN_LEAD_PRACTITIONER':
    case 'RECORD_CONTACT':
      return false;
    default:
      return true;
  }
}

// ---- driving a workflow ----------------------------------------------------------------------

export type Step = CaseEvent | AnyEventObject | CaseEventType;

export interface Driven {
  snapshot: AnyMachineSnapshot;
  /** Actions of the last transition. */
  actions: AnyEventObject[];
}

/**
 * Starts a workflow and sends each step the way the engine does: the snapshot is persisted and
 * parsed from JSON, restored with `restoreSnapshot`, `now` is written into the context, then the
 * pure `transition` runs. A step given as an event type is the sample of that type for the
 * current context. Throws when a step is not accepted.
 */
export function driveTo(
  workflow: WorkflowDefinition,
  path: readonly Step[],
  options: { input?: Partial<Omit<CaseInput, 'now'>>; now?: string | ((step: number) => string) } = {},
): Driven {
  const nowAt = (i: number) => (typeof options.now === 'function' ? options.now(i) : (options.now ?? SAMPLE_NOW));
  const machine = workflow.machine;
  const [first, firstActions] = initialTransition(
    machine,
    workflow.input({ ...SAMPLE_INPUT, ...options.input, now: nowAt(0) } as never),
  );
  let snapshot = first as AnyMachineSnapshot;
  let actions = firstActions as AnyEventObject[];
  path.forEach((step, i) => {
    const json = JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snapshot)));
    json.context = { ...json.context, now: nowAt(i + 1) };
    // restoreSnapshot (not resolveState) revives history states: see harness.ts `restore`.
    const restored = machine.restoreSnapshot(json, undefined as never) as AnyMachineSnapshot;
    const event: AnyEventObject =
      typeof step === 'string' ? (step.startsWith('xstate.') ? { type: step } : samplesOf(step, restored.context as CaseContext)[0]) : step;
    if (!restored.can(event)) {
      throw new Error(`driveTo: ${event.type} is not accepted in ${JSON.stringify(restored.value)} (step ${i + 1})`);
    }
    const [next, nextActions] = transition(machine, restored, event);
    snapshot = next as AnyMachineSnapshot;
    actions = nextActions as AnyEventObject[];
  });
  return { snapshot, actions };
}
