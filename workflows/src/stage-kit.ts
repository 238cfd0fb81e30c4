/**
 * Small builders shared by the process machines: how a deadline fires, how a notification is
 * named, and how a stage becomes a standalone machine.
 */
import type { DeadlineName, Role } from '@tacu/domain';
import { allow } from './permissions';
import { caseSetup, contextFromInput, type CountsFrom, type StateConfig } from './setup';

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

/** A process machine on its own: the stage's states at the root, plus consent and lead assignment. */
export function standaloneMachine(id: string, stage: StateConfig) {
  const meta = stage.meta ?? {};
  return caseSetup.createMachine({
    ...(stage as object),
    id,
    version: '1',
    context: contextFromInput,
    on: {
      RECORD_CONSENT: { actions: 'recordConsent' },
      ASSIGN_LEAD_PRACTITIONER: { actions: ['assignLeadPractitioner', notify('leadPractitioner', 'ASSIGN_LEAD_PRACTITIONER')] },
      ...(stage.on as object),
    },
    meta: { ...meta, permissions: { ...allow('RECORD_CONSENT', 'ASSIGN_LEAD_PRACTITIONER'), ...meta.permissions } },
  });
}
