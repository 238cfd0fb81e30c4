/**
 * A valid sample of every event type (fictional family), for unit and end-to-end tests. Each is a
 * fresh object per call of `sampleEvent`, so tests may change it freely. Their dates are right
 * for a case opened on SAMPLE_DAY, the day of the e2e tests' clock: what happened (consent
 * signed, meeting and review held) happened that day, what is planned is later.
 */
import type { CaseEvent, CaseEventType } from '@tacu/domain';
import type { NewChecklistInput } from '../../checklists/checklists.dto';
import type { OpenCaseInput } from '../open-case.dto';
import type { ChildDetailsInput, HomeMemberInput } from '../person-details.dto';

/** The day the samples' dates are written for (the e2e clock starts at 2026-03-02T09:00Z). */
export const SAMPLE_DAY = '2026-03-02';

type EventOf<K extends CaseEventType> = Extract<CaseEvent, { type: K }>;
export type CaseEventSamples = { readonly [K in CaseEventType]: EventOf<K> };

// The mother is named by name only: her personId is the id the case gives her family record,
// which a sample cannot know. The practitioners are the demo area's users.
const mother = { name: 'Siobhán Murphy' };
const leadPractitioner = { name: 'Aoife Byrne', personId: 'u-lp-0001' };

export const CASE_EVENT_SAMPLES: CaseEventSamples = {
  RECORD_REQUEST_DETAILS: {
    type: 'RECORD_REQUEST_DETAILS',
    reasonForRequest: 'Seán has missed a third of school days this term and his mother is struggling since a bereavement.',
    preRequestChecklist: {
      ratings: [
        { outcome: 'activeAndHealthy', rating: 2, reason: 'Plays football; sleeps badly.' },
        { outcome: 'achievingFullPotential', rating: 1, reason: 'Attendance at 66%; falling behind in reading.' },
        { outcome: 'safeAndProtected', rating: 3, reason: 'No safety concerns.' },
        { outcome: 'economicSecurity', rating: 2, reason: 'Mother on reduced hours since March.' },
        { outcome: 'connectedRespectedContributing', rating: 2, reason: 'Close to his grandmother; few friends at school.' },
      ],
      completedWithParent: true,
      completedWithChild: false,
    },
  },
  REQUEST_CONSENT: { type: 'REQUEST_CONSENT' },
  RECORD_CONSENT: {
    type: 'RECORD_CONSENT',
    givenBy: { ...mother, hasParentalResponsibility: true },
    scopes: {
      takePart: true,
      keepRecords: true,
      shareWithAgencies: ['Scoil Bhríde National School', 'Public Health Nursing'],
      contactPractitioner: 'Niamh Kelly, school completion programme',
    },
    youngPersonConsent: { given: false, reasonNotSought: 'Seán is 7; his views are sought in the assessment.' },
    signedOn: '2026-03-02',
  },
  SUBMIT_REQUEST: { type: 'SUBMIT_REQUEST' },
  REGISTER_REQUEST: { type: 'REGISTER_REQUEST', leadPractitionerId: 'u-lp-0001' },
  REDIRECT_REQUEST: {
    type: 'REDIRECT_REQUEST',
    service: 'Primary Care Psychology',
    reason: 'The need is a single assessment that Primary Care Psychology offers directly.',
  },
  DECLINE_REQUEST: { type: 'DECLINE_REQUEST', reason: 'The family already has an open Meitheal in another area.' },
  RECORD_ASSESSMENT: {
    type: 'RECORD_ASSESSMENT',
    strengths: [
      { side: 'howIGrowAndDevelop', description: 'Loves football and trains twice a week.', scale: 8 },
      { side: 'whatINeedFromPeopleWhoLookAfterMe', description: 'Warm, close relationship with his mother and grandmother.' },
    ],
    needs: [
      { side: 'howIGrowAndDevelop', description: 'Misses school on Mondays and Fridays.', scale: 3, category: 'school attendance' },
      { side: 'myWiderWorld', description: 'No after-school place since the club closed.', category: 'childcare' },
    ],
    desiredOutcomes: ['Seán goes to school every day', 'Mam gets some time for herself'],
    views: {
      child: { words: 'I like my teacher but the yard is scary. I want to play football more.' },
      parents: { words: "Since Dad died I can't get him out the door in the mornings." },
      practitioner: 'A loving family under strain; attendance is the first thing to work on.',
    },
    ratings: [{ outcome: 'achievingFullPotential', rating: 1, reason: 'Attendance at 66%.' }],
  },
  COMPLETE_ASSESSMENT: { type: 'COMPLETE_ASSESSMENT' },
  AGREE_ASSESSMENT: { type: 'AGREE_ASSESSMENT', agreedBy: mother },
  REOPEN_ASSESSMENT: { type: 'REOPEN_ASSESSMENT', reason: 'Mam asked to add her own view on the housing situation.' },
  INVITE_TO_MEETING: {
    type: 'INVITE_TO_MEETING',
    scheduledFor: '2026-04-15T10:00:00+01:00',
    location: 'Family Resource Centre, Main Street, meeting room 2',
    chair: leadPractitioner,
    minuteTaker: { name: 'Ciarán Walsh' },
    invitees: [
      { ...mother, approvedByFamily: true },
      { name: 'Niamh Kelly', agency: 'Scoil Bhríde National School', approvedByFamily: true },
      { name: 'Orla Doyle', agency: 'Public Health Nursing', approvedByFamily: true },
    ],
  },
  HOLD_MEETING: {
    type: 'HOLD_MEETING',
    heldOn: '2026-03-02',
    attendance: [mother, leadPractitioner, { name: 'Niamh Kelly' }],
    apologies: [{ name: 'Orla Doyle' }],
  },
  CANCEL_MEETING: { type: 'CANCEL_MEETING', reason: 'Mam is in hospital this week.' },
  RESCHEDULE_MEETING: { type: 'RESCHEDULE_MEETING' },
  DISTRIBUTE_MINUTES: {
    type: 'DISTRIBUTE_MINUTES',
    minutes: 'Present: Siobhán (Mam), Aoife Byrne (lead practitioner), Niamh Kelly (school). Agreed: breakfast club from Monday.',
    distributedTo: [mother, { name: 'Niamh Kelly' }, { name: 'Orla Doyle' }],
  },
  DRAFT_PLAN: {
    type: 'DRAFT_PLAN',
    actions: [
      {
        id: 'a1',
        answers: 'Seán goes to school every day',
        what: 'Breakfast club place from Monday, with a lift on Tuesdays and Thursdays.',
        owner: { name: 'Niamh Kelly', agency: 'Scoil Bhríde National School' },
        dueDate: '2026-05-29',
        status: 'notStarted',
      },
      {
        id: 'a2',
        answers: 'Mam gets some time for herself',
        what: 'Bereavement support group on Wednesday evenings.',
        owner: { name: 'Aoife Byrne', personId: 'u-lp-0001', agency: 'Scoil Bhríde National School' },
        dueDate: '2026-05-06',
        status: 'inProgress',
        progress: 'First session booked.',
      },
    ],
    childViews: { words: 'Breakfast club is OK if my friend Jamie goes too.' },
  },
  SUBMIT_PLAN_FOR_SIGN_OFF: { type: 'SUBMIT_PLAN_FOR_SIGN_OFF' },
  SIGN_OFF_PLAN: { type: 'SIGN_OFF_PLAN', planVersion: 1, signedBy: { ...mother, as: 'parentCarer' }, method: 'inPerson' },
  REQUEST_PLAN_CHANGES: { type: 'REQUEST_PLAN_CHANGES', changesRequested: 'The Tuesday lift clashes with my shift; could it be Wednesday?' },
  REPORT_ACTION_PROGRESS: {
    type: 'REPORT_ACTION_PROGRESS',
    actionId: 'a1',
    status: 'inProgress',
    progress: 'Attended breakfast club 9 of 10 days.',
  },
  HOLD_REVIEW: {
    type: 'HOLD_REVIEW',
    heldOn: '2026-03-02',
    attendance: [mother, leadPractitioner, { name: 'Niamh Kelly' }],
    apologies: [{ name: 'Orla Doyle' }],
    chair: leadPractitioner,
  },
  RECORD_REVIEW: {
    type: 'RECORD_REVIEW',
    progress: [
      { actionId: 'a1', status: 'done', note: 'Attendance up from 66% to 94%.' },
      { actionId: 'a2', status: 'inProgress', note: 'Goes most weeks.' },
    ],
    ratings: [{ outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 94%.' }],
    familyViews: { words: 'Mornings are easier now.' },
    childViews: { words: 'Breakfast club is class.' },
    minutes: 'Present: Siobhán (Mam), Aoife Byrne (lead practitioner), Niamh Kelly (school); apologies: Orla Doyle. Attendance up to 94%; breakfast club continues.',
    // Six weeks after the review (held on SAMPLE_DAY).
    nextReviewOn: '2026-04-13',
  },
  CONTINUE_PLAN: { type: 'CONTINUE_PLAN' },
  REVISE_PLAN: { type: 'REVISE_PLAN', reason: 'Attendance is on target; the next need is support with reading.' },
  PROPOSE_CLOSURE: { type: 'PROPOSE_CLOSURE', reason: 'needsMet' },
  RECORD_CLOSURE_FEEDBACK: {
    type: 'RECORD_CLOSURE_FEEDBACK',
    familyFeedback: { words: 'Having everyone around one table made the difference.' },
    childFeedback: { reasonNotRecorded: 'Seán did not want to talk about it on the day; he drew a picture of the football pitch.' },
    finalRatings: [
      { outcome: 'achievingFullPotential', rating: 3, reason: 'Attendance at 95% for the term.' },
      { outcome: 'activeAndHealthy', rating: 3, reason: 'Sleeping well; playing for the under-9s.' },
    ],
    onwardReferrals: ['Local youth club'],
  },
  CLOSE_CASE: { type: 'CLOSE_CASE' },
  HOLD_CLOSING_MEETING: {
    type: 'HOLD_CLOSING_MEETING',
    heldOn: '2026-03-02',
    attendance: [mother, leadPractitioner],
    apologies: [{ name: 'Niamh Kelly' }],
    chair: leadPractitioner,
  },
  RAISE_CONCERN: {
    type: 'RAISE_CONCERN',
    category: 'neglect',
    mandatedReport: true,
    observed: 'Arrived without a coat for the third day running; said there was no dinner at home last night.',
    immediateSafety: { childSafeNow: true, actionTaken: 'Stayed in school with the class teacher; DLP informed at 11:20.' },
  },
  CONSULT_LIAISON: {
    type: 'CONSULT_LIAISON',
    liaison: { name: 'Patrick Ryan', personId: 'u-dlp-0001' },
    advice: 'Report to Tusla today through the portal; inform the mother.',
  },
  SUBMIT_REPORT: {
    type: 'SUBMIT_REPORT',
    statutoryService: 'Tusla Social Work, Dublin South Central',
    method: 'portal',
    statutoryReference: 'TUS-2026-004512',
    jointReport: false,
    parentsInformed: true,
  },
  DECIDE_NOT_TO_REPORT: {
    type: 'DECIDE_NOT_TO_REPORT',
    reason: 'Below the threshold of reasonable grounds; the welfare need is met within the plan.',
  },
  ACKNOWLEDGE_REPORT: { type: 'ACKNOWLEDGE_REPORT', reference: 'TUS-2026-004512' },
  RECORD_CONCERN_OUTCOME: {
    type: 'RECORD_CONCERN_OUTCOME',
    outcome: 'returnToEarlyIntervention',
    notes: 'Tusla screened the report; family support continues through the Meitheal.',
  },
  WITHDRAW_CONSENT: { type: 'WITHDRAW_CONSENT', withdrawnBy: mother, reason: 'We are managing fine now.' },
  RECORD_CONTACT: {
    type: 'RECORD_CONTACT',
    contactedOn: '2026-03-02T08:30:00Z',
    method: 'homeVisit',
    with: [mother, { name: 'Seán Murphy' }],
    note: 'Home visit before school: talked through the morning routine with Mam; Seán showed his football medal.',
  },
  DECIDE_ON_WITHDRAWAL: {
    type: 'DECIDE_ON_WITHDRAWAL',
    decision: 'continueWithRemainingConsent',
    reason: "Dad's consent covers the school and the public health nurse, which is what the plan needs.",
  },
  ASSIGN_LEAD_PRACTITIONER: { type: 'ASSIGN_LEAD_PRACTITIONER', leadPractitionerId: 'u-lp-0002' },
};

/** A deep copy of the sample of `type`, safe to change in a test. */
export function sampleEvent<K extends CaseEventType>(type: K): EventOf<K> {
  return structuredClone(CASE_EVENT_SAMPLES[type]) as EventOf<K>;
}

/** A valid body of `POST /cases` (a new family, school referral), as a fresh copy. */
export function sampleOpenCase(): OpenCaseInput {
  return {
    areaId: 'dublin-south-central',
    origin: 'school',
    child: { name: 'Seán Murphy', dateOfBirth: '2018-09-21' },
    familyMembers: [
      {
        name: 'Siobhán Murphy',
        relationship: 'mother',
        hasParentalResponsibility: true,
        firstLanguage: 'English',
        interpreterNeeded: false,
        contact: { phone: '+353 87 123 4567', email: 'siobhan.murphy@example.ie' },
        sensitive: { address: '12 Church Road, Tallaght, Dublin 24' },
      },
      { name: 'Bridget Murphy', relationship: 'grandparent', hasParentalResponsibility: false },
    ],
    leadPractitionerId: 'u-lp-0001',
  };
}

/** What practitioners record of the sample child beyond name and date of birth (every field of ChildDetails). */
export function sampleChildDetails(): Required<Omit<ChildDetailsInput, 'livesInHome'>> & { livesInHome: HomeMemberInput[] } {
  return {
    gender: 'male',
    school: 'Scoil Bhríde National School, Tallaght',
    schoolClass: '2nd class',
    gp: 'Dr Ciara Lynch, Main Street Medical Centre, Tallaght',
    firstLanguage: 'English',
    interpreterNeeded: false,
    livesInHome: [{ name: 'Darren Kelly', relationship: "mother's partner" }],
    professionalsInvolved: [{ name: 'Dr Nuala Hayes', service: 'Speech and Language Therapy, HSE', contact: { phone: '+353 1 555 0101', email: 'nuala.hayes@example.ie' } }],
    sensitive: { address: '12 Church Road, Tallaght, Dublin 24', ethnicity: 'Irish Traveller', religion: 'Catholic', disabilityOrAdditionalNeeds: 'Speech and language delay; assessed 2025.' },
  };
}

/** A valid POST /pre-request-checklists body in the demo area: a request for support, completed with the parent. */
export function sampleChecklist(overrides: Partial<NewChecklistInput> = {}): NewChecklistInput {
  const ratings = (CASE_EVENT_SAMPLES.RECORD_REQUEST_DETAILS.preRequestChecklist?.ratings ?? []).map((r) => ({ ...r }));
  return { areaId: 'dublin-south-central', childName: 'Seán Murphy', ratings, completedWith: 'parent', outcome: 'requestForSupport', ...overrides };
}
