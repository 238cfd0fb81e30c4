/**
 * Where the rules live: each process defines its own guards and actions (`defineRules` in its
 * `*.machine.ts`), and the case machine is written with all of them.
 */
import type { AnyStateMachine } from 'xstate';
import { actionPlanMachine, actionPlanRules } from './action-plan.machine';
import { caseMachine, caseRules, RULE_GUARDS } from './case.machine';
import { closureMachine, closureRules } from './closure.machine';
import { consentRules } from './consent';
import { escalationMachine, escalationRules } from './escalation.machine';
import { requestForSupportMachine, requestForSupportRules } from './request-for-support.machine';
import { reviewMachine, reviewRules } from './review.machine';
import { commonRules, isExplainedGuard } from './setup';
import { strengthsAndNeedsAssessmentMachine, strengthsAndNeedsAssessmentRules } from './strengths-and-needs-assessment.machine';
import { supportMeetingMachine, supportMeetingRules } from './support-meeting.machine';

const FRAGMENTS = {
  commonRules,
  consentRules,
  requestForSupportRules,
  strengthsAndNeedsAssessmentRules,
  supportMeetingRules,
  actionPlanRules,
  reviewRules,
  closureRules,
  escalationRules,
  caseRules,
};

const PROCESS_MACHINES: AnyStateMachine[] = [
  requestForSupportMachine,
  strengthsAndNeedsAssessmentMachine,
  supportMeetingMachine,
  actionPlanMachine,
  reviewMachine,
  closureMachine,
  escalationMachine,
];

describe('rules', () => {
  it.each(['guards', 'actions'] as const)('no two fragments define the same %s (`extend` would silently replace one)', (kind) => {
    const owners = new Map<string, string[]>();
    for (const [fragment, rules] of Object.entries(FRAGMENTS)) {
      for (const name of Object.keys(rules[kind])) owners.set(name, [...(owners.get(name) ?? []), fragment]);
    }
    expect([...owners].filter(([, by]) => by.length > 1)).toEqual([]);
  });

  it('a process machine has the same guards and actions as the case machine: a stage decides alike on its own and in the case', () => {
    for (const machine of PROCESS_MACHINES) {
      for (const kind of ['guards', 'actions'] as const) {
        const own: Record<string, unknown> = machine.implementations[kind];
        const inCase: Record<string, unknown> = caseMachine.implementations[kind];
        for (const [name, implementation] of Object.entries(own)) expect([machine.id, name, inCase[name]]).toEqual([machine.id, name, implementation]);
      }
    }
  });

  it('every rule is a guard of the case machine that explains itself', () => {
    const guards: Record<string, unknown> = caseMachine.implementations.guards;
    expect(Object.keys(RULE_GUARDS).filter((name) => !isExplainedGuard(guards[name]))).toEqual([]);
  });
});
