/**
 * The Murphy family's case driven through the real case machine, step by step, with the events a
 * lead practitioner and the family would send (the data of the API samples, Seán's words at the
 * assessment in Irish). `journey()` returns the snapshot after every step by name, so a builder
 * test takes the context as the engine holds it when a state that names a document is entered.
 */
import type { AnyMachineSnapshot } from 'xstate';
import type { ActorRef, CaseEvent } from '@tacu/domain';
import { caseWorkflow, type CaseContext } from '@tacu/workflows';
// The machines' test harness lives beside them (workflows/src/testing), outside the package's entry point.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { accept, SAMPLE_CALENDAR, start } from '../../../../workflows/src/testing';
import type { CaseFacts } from '../facts';

export const MOTHER = { name: 'Siobhán Murphy', personId: 'p-siobhan' };
export const GRANDMOTHER = { name: 'Bridget Murphy', personId: 'p-bridget' };
export const LEAD = { name: 'Aoife Byrne', personId: 'u-lp-0001' };
const DLP: ActorRef = { id: 'u-dlp-0001', role: 'designatedLiaisonPerson' };

/** The case facts the engine would read for the Murphy case. */
export const MURPHY_FACTS: CaseFacts = {
  caseId: 'case-murphy',
  caseReference: 'DSC-2026-0142',
  child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' },
  familyMembers: [
    { name: 'Siobhán Murphy', personId: 'p-siobhan', relationship: 'mother', hasParentalResponsibility: true },
    { name: 'Bridget Murphy', personId: 'p-bridget', relationship: 'grandmother', hasParentalResponsibility: false },
  ],
  area: { id: 'dublin-south-central', name: 'Dublin South Central' },
  organisation: { name: 'Tusla Child and Family Support Network, Dublin South Central', timeZone: 'Europe/Dublin' },
  practitioners: [
    { id: 'u-lp-0001', name: 'Aoife Byrne', agency: 'Scoil Bhríde National School', phone: '+353 1 555 0123', email: 'aoife.byrne@example.ie' },
    { id: 'u-dlp-0001', name: 'Patrick Ryan', agency: 'Scoil Bhríde National School', phone: null, email: null },
  ],
};

const ratings = {
  checklist: [
    { outcome: 'connectedRespectedContributing', rating: 2, reason: 'Close to his grandmother; few friends at school.' },
    { outcome: 'activeAndHealthy', rating: 2, reason: 'Plays football; sleeps badly.' },
    { outcome: 'achievingFullPotential', rating: 1, reason: 'Attendance at 66%; falling behind in reading.' },
    { outcome: 'safeAndProtected', rating: 3, reason: 'No safety concerns.' },
    { outcome: 'economicSecurity', rating: 2, reason: 'Mother on reduced hours since March.' },
  ],
};

/** Each step: a name, the event, the clock reading it is sent at, and who sends it (for records that take the actor). */
const STEPS: Array<[string, CaseEvent, string, ActorRef | null]> = [
  ['requestDrafted', { type: 'RECORD_REQUEST_DETAILS', reasonForRequest: 'Seán has missed a third of school days this term and his mother is struggling since a bereavement.', preRequestChecklist: { ratings: ratings.checklist, completedWithParent: true, completedWithChild: false } }, '2026-02-26T09:30:00Z', null],
  ['consentRequested', { type: 'REQUEST_CONSENT' }, '2026-02-26T10:00:00Z', null],
  ['consentRecorded', { type: 'RECORD_CONSENT', givenBy: { ...MOTHER, hasParentalResponsibility: true }, scopes: { takePart: true, keepRecords: true, shareWithAgencies: ['Scoil Bhríde National School', 'Public Health Nursing'], contactPractitioner: 'Niamh Kelly, school completion programme' }, youngPersonConsent: { given: false, reasonNotSought: 'Seán is 7; his views are sought in the assessment.' }, signedOn: '2026-02-26' }, '2026-02-26T10:20:00Z', null],
  ['submitted', { type: 'SUBMIT_REQUEST' }, '2026-02-27T14:30:00Z', null],
  ['registered', { type: 'REGISTER_REQUEST', leadPractitionerId: 'u-lp-0001' }, '2026-03-02T09:00:00Z', null],
  ['assessed', { type: 'RECORD_ASSESSMENT', strengths: [{ side: 'whatINeedFromPeopleWhoLookAfterMe', description: 'Warm, close relationship with his mother and grandmother.' }, { side: 'howIGrowAndDevelop', description: 'Loves football and trains twice a week.', scale: 8 }], needs: [{ side: 'myWiderWorld', description: 'No after-school place since the club closed.', category: 'childcare' }, { side: 'howIGrowAndDevelop', description: 'Misses school on Mondays and Fridays.', scale: 3, category: 'school attendance' }], desiredOutcomes: ['Seán goes to school every day', 'Mam gets some time for herself'], views: { child: { words: 'Is maith liom mo mhúinteoir ach bíonn an clós scanrúil.' }, parents: { words: "Since Dad died I can't get him out the door in the mornings." }, practitioner: 'A loving family under strain; attendance is the first thing to work on.' }, ratings: [{ outcome: 'achievingFullPotential', rating: 1, reason: 'Attendance at 66%.' }] }, '2026-03-16T15:00:00Z', null],
  ['assessmentCompleted', { type: 'COMPLETE_ASSESSMENT' }, '2026-03-18T15:20:00Z', null],
  ['assessmentAgreed', { type: 'AGREE_ASSESSMENT', agreedBy: MOTHER }, '2026-03-20T15:55:00Z', null],
  ['invited', { type: 'INVITE_TO_MEETING', scheduledFor: '2026-04-15T10:00:00+01:00', location: 'Family Resource Centre, Main Street, meeting room 2', chair: LEAD, minuteTaker: { name: 'Ciarán Walsh' }, invitees: [{ ...MOTHER, approvedByFamily: true }, { name: 'Niamh Kelly', agency: 'Scoil Bhríde National School', approvedByFamily: true }, { name: 'Orla Doyle', agency: 'Public Health Nursing', approvedByFamily: true }] }, '2026-03-25T09:00:00Z', null],
  ['meetingHeld', { type: 'HOLD_MEETING', heldOn: '2026-04-15', attendance: [MOTHER, LEAD, { name: 'Niamh Kelly' }], apologies: [{ name: 'Orla Doyle' }] }, '2026-04-15T12:00:00Z', null],
  ['minutesDistributed', { type: 'DISTRIBUTE_MINUTES', minutes: 'Agreed: breakfast club from Monday.', distributedTo: [MOTHER, { name: 'Niamh Kelly' }, { name: 'Orla Doyle' }] }, '2026-04-17T11:40:00Z', null],
  ['planDrafted', { type: 'DRAFT_PLAN', actions: [{ id: 'a1', answers: 'Seán goes to school every day', what: 'Breakfast club place from Monday.', owner: { name: 'Niamh Kelly', agency: 'Scoil Bhríde National School' }, dueDate: '2026-05-29', status: 'notStarted' }, { id: 'a2', answers: 'Mam gets some time for herself', what: 'Bereavement support group on Wednesday evenings.', owner: LEAD, dueDate: '2026-05-06', status: 'inProgress', progress: 'First session booked.' }, { id: 'a3', answers: 'Seán goes to school every day', what: 'Walks Seán to school on Mondays.', owner: GRANDMOTHER, dueDate: '2026-05-04', status: 'notStarted' }], childViews: { words: 'Breakfast club is OK if my friend Jamie goes too.' } }, '2026-04-20T10:00:00Z', null],
  ['planSubmitted', { type: 'SUBMIT_PLAN_FOR_SIGN_OFF' }, '2026-04-20T10:30:00Z', null],
  ['planSignedOff', { type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { ...MOTHER, as: 'parentCarer' }, method: 'inPerson' }, '2026-04-23T17:05:00Z', null],
  ['reviewHeld', { type: 'HOLD_REVIEW', heldOn: '2026-06-03', attendance: [MOTHER, LEAD, { name: 'Niamh Kelly' }], apologies: [{ name: 'Orla Doyle' }], chair: LEAD }, '2026-06-03T15:00:00Z', null],
  ['reviewRecorded', { type: 'RECORD_REVIEW', progress: [{ actionId: 'a1', status: 'done', note: 'Attendance up from 66% to 94%.' }, { actionId: 'a2', status: 'inProgress', note: 'Goes most weeks.' }], ratings: [{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 94%.' }], familyViews: { words: 'Mornings are easier now.' }, childViews: { words: 'Breakfast club is class.' }, minutes: 'Attendance up to 94%; breakfast club continues.', nextReviewOn: '2026-07-15' }, '2026-06-05T14:00:00Z', null],
  ['closureProposed', { type: 'PROPOSE_CLOSURE', reason: 'needsMet' }, '2026-09-02T10:00:00Z', null],
  ['closingMeetingHeld', { type: 'HOLD_CLOSING_MEETING', heldOn: '2026-09-16', attendance: [MOTHER, LEAD], apologies: [{ name: 'Niamh Kelly' }], chair: LEAD }, '2026-09-16T12:00:00Z', null],
  ['feedbackCollected', { type: 'RECORD_CLOSURE_FEEDBACK', familyFeedback: { words: 'Having everyone around one table made the difference.' }, childFeedback: { reasonNotRecorded: 'Seán did not want to talk about it on the day; he drew a picture of the football pitch.' }, finalRatings: [{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 95% for the term.' }, { outcome: 'activeAndHealthy', rating: 3, reason: 'Sleeping well; playing for the under-9s.' }], onwardReferrals: ['Local youth club'], minutes: 'Everyone agreed the plan has done its work.' }, '2026-09-18T15:00:00Z', null],
  ['closed', { type: 'CLOSE_CASE' }, '2026-09-18T15:30:00Z', null],
];

/** The concern raised at the review, reported by the designated liaison person (signed in as the actor). */
const CONCERN_STEPS: Array<[string, CaseEvent, string, ActorRef | null]> = [
  ['concernRaised', { type: 'RAISE_CONCERN', category: 'neglect', mandatedReport: true, observed: 'Arrived without a coat for the third day running; said there was no dinner at home last night.', immediateSafety: { childSafeNow: true, actionTaken: 'Stayed in school with the class teacher; DLP informed at 11:20.' } }, '2026-06-08T10:20:00Z', null],
  ['liaisonConsulted', { type: 'CONSULT_LIAISON', liaison: { name: 'Patrick Ryan', personId: 'u-dlp-0001' }, advice: 'Report to Tusla today through the portal; inform the mother.' }, '2026-06-08T10:40:00Z', DLP],
  ['reported', { type: 'SUBMIT_REPORT', statutoryService: 'Tusla Social Work, Dublin South Central', method: 'portal', jointReport: true, jointReporter: { name: 'Niamh Kelly' }, parentsInformed: true }, '2026-06-08T11:30:00Z', DLP],
  ['acknowledged', { type: 'ACKNOWLEDGE_REPORT', reference: 'TUS-2026-004512' }, '2026-06-09T09:00:00Z', DLP],
  ['concernOutcome', { type: 'RECORD_CONCERN_OUTCOME', outcome: 'returnToEarlyIntervention', notes: 'Tusla closed the referral; early intervention continues with the plan.' }, '2026-06-19T10:00:00Z', DLP],
];

/** Another concern at the review, which the designated liaison person decides not to report. */
const NOT_REPORTED_STEPS: Array<[string, CaseEvent, string, ActorRef | null]> = [
  ['concernNotToReportRaised', { ...(CONCERN_STEPS[0]?.[1] as CaseEvent) }, '2026-06-08T10:20:00Z', null],
  ['concernNotToReportConsulted', { ...(CONCERN_STEPS[1]?.[1] as CaseEvent) }, '2026-06-08T10:40:00Z', DLP],
  ['notReported', { type: 'DECIDE_NOT_TO_REPORT', reason: 'The threshold for a report is not met: a coat was found at home; support continues with the plan.' }, '2026-06-08T12:00:00Z', DLP],
];

/** The coordinator's other decisions on the submitted request. */
const REDIRECTED_STEPS: Array<[string, CaseEvent, string, ActorRef | null]> = [
  ['redirected', { type: 'REDIRECT_REQUEST', service: 'Bereavement counselling, Barnardos', reason: 'What Seán and his mother need most is bereavement support, which Barnardos gives directly.' }, '2026-03-02T09:00:00Z', null],
];
const DECLINED_STEPS: Array<[string, CaseEvent, string, ActorRef | null]> = [
  ['declined', { type: 'DECLINE_REQUEST', reason: 'The family lives outside this network area; we have passed your details to the Kildare network with your consent.' }, '2026-03-02T09:00:00Z', null],
];

/** The mother, the only parent who consented, withdraws her consent during the assessment: the case closes. */
const WITHDRAWN_STEPS: Array<[string, CaseEvent, string, ActorRef | null]> = [
  ['consentWithdrawn', { type: 'WITHDRAW_CONSENT', withdrawnBy: MOTHER, reason: 'We are managing on our own now.' }, '2026-03-10T11:00:00Z', null],
];

export type StepName = string;

function drive(steps: typeof STEPS, from: AnyMachineSnapshot): Map<StepName, AnyMachineSnapshot> {
  const out = new Map<StepName, AnyMachineSnapshot>();
  let snapshot = from;
  for (const [name, event, now, actor] of steps) {
    snapshot = accept(caseWorkflow, snapshot, event, now, actor).snapshot;
    out.set(name, snapshot);
  }
  return out;
}

/**
 * The Murphy case from the request to closure; and branches: from the recorded review, a concern
 * reported, acknowledged and its outcome recorded, and another the liaison person decides not to
 * report; from the submitted request, the coordinator redirecting or declining it; from the
 * registered case, the mother withdrawing her consent.
 */
export function journey(): Map<StepName, AnyMachineSnapshot> {
  const opened = start(caseWorkflow, { caseId: 'case-murphy', calendar: SAMPLE_CALENDAR, leadPractitionerId: 'u-lp-0001', origin: 'school' }, '2026-02-26T09:00:00Z').snapshot;
  const main = drive(STEPS, opened);
  const branches: Array<[typeof STEPS, StepName]> = [
    [CONCERN_STEPS, 'reviewRecorded'],
    [NOT_REPORTED_STEPS, 'reviewRecorded'],
    [REDIRECTED_STEPS, 'submitted'],
    [DECLINED_STEPS, 'submitted'],
    [WITHDRAWN_STEPS, 'registered'],
  ];
  for (const [steps, from] of branches) {
    for (const [name, snapshot] of drive(steps, main.get(from) as AnyMachineSnapshot)) main.set(name, snapshot);
  }
  return main;
}

/** The context of a step's snapshot, and the state it rests in. */
export function at(snapshots: Map<StepName, AnyMachineSnapshot>, step: StepName): { context: CaseContext; state: string; document: string | undefined } {
  const snapshot = snapshots.get(step);
  if (!snapshot) throw new Error(`No step ${step} in the Murphy journey`);
  const meta = Object.values(snapshot.getMeta() as Record<string, { document?: string }>);
  return { context: snapshot.context as CaseContext, state: JSON.stringify(snapshot.value), document: meta.map((m) => m.document).find((d) => d !== undefined) };
}
