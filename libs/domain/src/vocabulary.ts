/** Controlled vocabularies of the practice model (domain.md). One concept, one name. */

export const STAGES = ['request', 'assessment', 'meeting', 'actionPlan', 'review', 'closure', 'escalation'] as const;
export type Stage = (typeof STAGES)[number];

/** active: the process runs; onHold: a child-protection concern is open, or processing stopped after a withdrawal of consent until the coordinator decides; closed: finished. */
export const CASE_STATUSES = ['active', 'onHold', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const REQUEST_ORIGINS = ['family', 'school', 'health', 'community', 'earlyYears', 'socialWorkStepDown', 'other'] as const;
export type RequestOrigin = (typeof REQUEST_ORIGINS)[number];

/**
 * The ids of the three sides of the child's world in Ireland's default framework
 * (`IRELAND_OUTCOME_FRAMEWORK`). A case's strengths and needs are checked against its own
 * framework's sides, not this list.
 */
export const WORLD_SIDES = ['howIGrowAndDevelop', 'whatINeedFromPeopleWhoLookAfterMe', 'myWiderWorld'] as const;
export type WorldSide = (typeof WORLD_SIDES)[number];

/**
 * The ids of Ireland's five national outcomes for children, the default framework's outcomes
 * (`IRELAND_OUTCOME_FRAMEWORK`). Ratings are checked against the case's own framework, not this list.
 */
export const NATIONAL_OUTCOMES = [
  'activeAndHealthy',
  'achievingFullPotential',
  'safeAndProtected',
  'economicSecurity',
  'connectedRespectedContributing',
] as const;
export type NationalOutcome = (typeof NATIONAL_OUTCOMES)[number];

/**
 * A point of the case's framework's rating scale (Ireland's: 1 little progress, 2 some progress,
 * 3 on target); a whole number within `FRAMEWORK_LIMITS` (0-10) whatever the framework.
 */
export type OutcomeRatingValue = number;

export const CLOSURE_REASONS = [
  'needsMet',
  'singleAgencyContinues',
  'consentWithdrawn',
  'familyDisengaged',
  'steppedUpToSocialWork',
  'transferredToOtherArea',
  'movedOutOfJurisdiction',
  'childTurned18',
  'other',
] as const;
export type ClosureReason = (typeof CLOSURE_REASONS)[number];

export const CONCERN_CATEGORIES = ['neglect', 'emotionalAbuse', 'physicalAbuse', 'sexualAbuse', 'welfare'] as const;
export type ConcernCategory = (typeof CONCERN_CATEGORIES)[number];

export const CONCERN_OUTCOMES = ['steppedUp', 'returnToEarlyIntervention', 'noFurtherAction'] as const;
export type ConcernOutcome = (typeof CONCERN_OUTCOMES)[number];

export const ACTION_STATUSES = ['notStarted', 'inProgress', 'done', 'notDone'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export const REPORT_METHODS = ['portal', 'phone', 'written'] as const;
export type ReportMethod = (typeof REPORT_METHODS)[number];

/**
 * How a practitioner was in contact with the family (the contact log): a visit to the home or to
 * the service's office, a phone or video call, a message (text or email), a letter, a meeting.
 */
export const CONTACT_METHODS = ['homeVisit', 'officeVisit', 'phone', 'videoCall', 'message', 'letter', 'meeting'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

/** Whom a pre-request checklist was completed with (Tusla's Pre-Meitheal Checklist). */
export const CHECKLIST_COMPLETED_WITH = ['parent', 'child', 'both'] as const;
export type ChecklistCompletedWith = (typeof CHECKLIST_COMPLETED_WITH)[number];

/**
 * What a pre-request checklist led to: a request for support (a case is opened and may link it),
 * or no Meitheal needed, with what was done instead (kept and counted; no case is opened).
 */
export const CHECKLIST_OUTCOMES = ['requestForSupport', 'noMeithealNeeded'] as const;
export type ChecklistOutcome = (typeof CHECKLIST_OUTCOMES)[number];
