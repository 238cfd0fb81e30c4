/**
 * @tacu/workflows: one XState machine per process of the practice model, the case machine that
 * composes them, and the `WorkflowDefinition`s the engine runs.
 */
import { DomainError, DomainErrorCode } from '@tacu/domain';
import { actionPlanWorkflow } from './action-plan.machine';
import { caseWorkflow } from './case.machine';
import { closureWorkflow } from './closure.machine';
import type { WorkflowDefinition } from './definition';
import { escalationWorkflow } from './escalation.machine';
import { requestForSupportWorkflow } from './request-for-support.machine';
import { reviewWorkflow } from './review.machine';
import { strengthsAndNeedsAssessmentWorkflow } from './strengths-and-needs-assessment.machine';
import { supportMeetingWorkflow } from './support-meeting.machine';

export * from './definition';
export * from './context';
export * from './permissions';
export { remainingMs, type NotifyParams } from './setup';
export { DUE_DATE_DELAYS, participantsOf, toDotted, upgradePersistedSnapshot, type WorkflowInputArgs } from './workflow-kit';
export { consentOf } from './consent';
export { explainRejection } from './explain';
export { toMermaid } from './diagram';
export * from './request-for-support.machine';
export * from './strengths-and-needs-assessment.machine';
export * from './support-meeting.machine';
export * from './action-plan.machine';
export * from './review.machine';
export * from './closure.machine';
export * from './escalation.machine';
export * from './case.machine';

/** Every workflow the engine can run: the case and the seven process machines. */
export const WORKFLOWS: WorkflowDefinition[] = [
  caseWorkflow,
  requestForSupportWorkflow,
  strengthsAndNeedsAssessmentWorkflow,
  supportMeetingWorkflow,
  actionPlanWorkflow,
  reviewWorkflow,
  closureWorkflow,
  escalationWorkflow,
] as WorkflowDefinition[];

/** A workflow by id, at a version (the latest when omitted). Throws UNKNOWN_WORKFLOW. */
export function getWorkflow(id: string, version?: number): WorkflowDefinition {
  const candidates = WORKFLOWS.filter((w) => w.id === id && (version === undefined || w.version === version));
  const found = candidates.sort((a, b) => b.version - a.version)[0];
  if (!found) {
    throw new DomainError(
      DomainErrorCode.UNKNOWN_WORKFLOW,
      `There is no workflow "${id}"${version === undefined ? '' : ` at version ${version}`}: use one of ${[...new Set(WORKFLOWS.map((w) => w.id))].join(', ')}.`,
      { workflowId: id, workflowVersion: version ?? null },
    );
  }
  return found;
}
