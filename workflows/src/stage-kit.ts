/**
 * Small builders shared by the process machines: the setup they start from, how a deadline
 * fires, how a notification is named, and how a stage becomes a standalone machine.
 */
import type { DeadlineName, Role } from '@tacu/domain';
import { consentRules } from './consent';
import type { StateMeta } from './definition';
import { allow } from './permissions';
import { commonSetup, contextFromInput, type CountsFrom, type StateConfigOf } from './setup';

/**
 * The setup every process extends with its own rules (`defineRules` in its `*.machine.ts`): the
 * common one and the case-wide consent and lead-practitioner records (`consent.ts`).
 */
export const processSetup = commonSetup.extend(consentRules);

/**
 * `standalone`: the stage is the whole machine (its final states end it).
 * `embedded`: the stage is a compound state of the case machine (its final states hand over to
 * the next stage through `onDone`).
 */
export type Mode = 'standalone' | 'embedded';

export const notify = (to: Role | 'peopleInvolved', about: string) => ({ type: 'notify' as const, params: { to, about } });

/**
 * A deadline firing: a targetless transition that tells the coordinator and marks the stage
 * overdue. With `once`, a deadline that spans several states (its timer is re-armed with the
 * time left on each) notifies only the first time.
 */
export function overdue(deadline: DeadlineName, to: Role = 'coordinator', options: { once?: boolean } = {}) {
  return {
    ...(options.once ? { guard: { type: 'deadlineNotYetMarked' as const, params: { deadline } } } : {}),
    actions: [notify(to, deadline), { type: 'markOverdue' as const, params: { deadline } }],
  };
}

/** A reminder before a deadline: tells the lead practitioner, changes nothing. */
export function reminder(deadline: DeadlineName, to: Role = 'leadPractitioner') {
  return { actions: [notify(to, deadline)] };
}

/** Starts a deadline, counted from now or from the day a person gave (see `CountsFrom`). */
export const startDeadline = (deadline: DeadlineName, countsFrom: CountsFrom = 'now') => ({ type: 'startDeadline' as const, params: { deadline, countsFrom } });
export const endDeadlines = (...deadlines: DeadlineName[]) => ({ type: 'endDeadlines' as const, params: { deadlines } });

/**
 * The meta of every transition that records, changes or withdraws a consent, or decides on a
 * withdrawal: it issues the consent record again, as it now stands, wherever the case is (most of
 * them enter no state, so no state's document would).
 */
export const CONSENT_CHANGES = { document: 'consentRecord' } as const satisfies StateMeta;

/** What a process machine on its own accepts at its root besides its stage's events. */
const standaloneOn = {
  RECORD_CONSENT: { guard: 'consentCanBeRecorded', actions: 'recordConsent', meta: CONSENT_CHANGES },
  ASSIGN_LEAD_PRACTITIONER: { actions: ['assignLeadPractitioner', notify('leadPractitioner', 'ASSIGN_LEAD_PRACTITIONER')] },
} satisfies StateConfigOf<typeof processSetup>['on'];

/**
 * The config of a process machine on its own: the stage's states at the root, plus consent and
 * lead assignment. Written with the process's setup: `xxxSetup.createMachine(standalone(id, stage))`.
 */
export function standalone<TStage extends { meta?: StateMeta; on?: object }>(id: string, stage: TStage) {
  const meta = stage.meta ?? {};
  return {
    ...stage,
    id,
    version: '1',
    context: contextFromInput,
    on: { ...standaloneOn, ...stage.on },
    meta: { ...meta, permissions: { ...allow('RECORD_CONSENT', 'ASSIGN_LEAD_PRACTITIONER'), ...meta.permissions } },
  };
}
