/**
 * Child protection and welfare report (domain.md process 7, Children First): the concern (its
 * category, what was seen or said, immediate safety, whether it is a mandated report), the
 * designated liaison person's advice, each report to the statutory service (who made it and how,
 * jointly or not, its reference, whether the parents were told or why not), the acknowledgement
 * and the outcome, or the decision not to report. Produced in `escalation.reported`,
 * `escalation.acknowledged`, `escalation.outcome` and `escalation.notReported`, for the concern
 * being handled (the latest one).
 */
import type { CaseContext } from '@tacu/workflows';
import { baseOf, practitionerName } from '../builder-kit';
import type { BuildInput } from '../facts';
import type { BaseViewModel } from '../view-model';

export interface StatutoryReportView {
  statutoryService: string;
  /** `portal`, `phone` or `written` (REPORT_METHODS). */
  method: string;
  statutoryReference: string | null;
  /** When the report was made if earlier than recorded (ISO instant), else null. */
  reportedAt: string | null;
  /** When it was recorded (ISO instant, UTC). */
  recordedAt: string;
  /** Who made it: the signed-in user who recorded it, by name where the facts know them. */
  reporter: { name: string; role: string } | null;
  jointReporter: string | null;
  parentsInformed: boolean;
  reasonParentsNotInformed: string | null;
}

export interface ChildProtectionReportView extends BaseViewModel {
  /** CONCERN_CATEGORIES (`neglect`…). */
  category: string;
  mandatedReport: boolean;
  observed: string;
  childSafeNow: boolean;
  actionTaken: string;
  /** ISO instant the concern was raised. */
  raisedAt: string;
  /** The stage the case was in (where it resumes), or null. */
  raisedInStage: string | null;
  liaison: { name: string; advice: string; at: string } | null;
  reports: StatutoryReportView[];
  acknowledgedReference: string | null;
  /** The designated liaison person's decision not to report: why, when, and who decided (by name where the facts know them). */
  decidedNotToReport: { reason: string; at: string; by: string | null } | null;
  /** CONCERN_OUTCOMES with its notes and who recorded it, or null while it is awaited. */
  outcome: { outcome: string; notes: string; at: string; recordedBy: string | null } | null;
  /** The concern is still open (the case on hold): no outcome and no decision not to report yet. */
  concernOpen: boolean;
}

/** Who acted, by name where the facts know them (else their user id), or null when nobody is recorded. */
function nameOf(actor: { id: string } | null | undefined, facts: BuildInput<CaseContext>['facts']): string | null {
  return actor ? (practitionerName(actor.id, facts) ?? actor.id) : null;
}

/**
 * The report of the concern being handled (the latest raised) as the context holds it when the
 * report is made or acknowledged. Throws when the case has no concern.
 */
export function buildChildProtectionReport(input: BuildInput<CaseContext>): ChildProtectionReportView {
  const { context, facts } = input;
  const concern = context.concerns[context.concerns.length - 1];
  if (!concern) throw new Error(`Case ${context.caseId} has no concern: a child protection and welfare report is made only once a concern is raised (RAISE_CONCERN).`);
  return {
    ...baseOf(input),
    category: concern.category,
    mandatedReport: concern.mandatedReport,
    observed: concern.observed,
    childSafeNow: concern.immediateSafety.childSafeNow,
    actionTaken: concern.immediateSafety.actionTaken,
    raisedAt: concern.raisedAt,
    raisedInStage: concern.raisedInStage,
    liaison: concern.liaison ? { name: concern.liaison.liaison.name, advice: concern.liaison.advice, at: concern.liaison.at } : null,
    reports: concern.reports.map((r) => ({
      statutoryService: r.statutoryService,
      method: r.method,
      statutoryReference: r.statutoryReference ?? null,
      reportedAt: r.reportedAt ?? null,
      recordedAt: r.at,
      reporter: r.reporter ? { name: practitionerName(r.reporter.id, facts) ?? r.reporter.id, role: r.reporter.role } : null,
      jointReporter: r.jointReport ? (r.jointReporter?.name ?? null) : null,
      parentsInformed: r.parentsInformed,
      reasonParentsNotInformed: r.reasonParentsNotInformed ?? null,
    })),
    acknowledgedReference: concern.acknowledgedReference,
    decidedNotToReport: concern.decidedNotToReport
      ? { reason: concern.decidedNotToReport.reason, at: concern.decidedNotToReport.at, by: nameOf(concern.decidedNotToReport.by, facts) }
      : null,
    outcome: concern.outcome ? { outcome: concern.outcome.outcome, notes: concern.outcome.notes, at: concern.outcome.at, recordedBy: nameOf(concern.outcome.by, facts) } : null,
    concernOpen: concern.outcome === null && concern.decidedNotToReport === null,
  };
}
