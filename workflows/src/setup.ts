/**
 * What every machine of the case shares: the context, the event catalogue, the delays (stage
 * deadlines, named after the policy's `DeadlineName`s), the effect `notify` (a named action
 * with no implementation: the engine turns it into an outbox row), the deadline records, the
 * rule several processes check (the child's views), and `defineRules`, with which each process
 * writes its own guards and record-keeping actions in its `*.machine.ts` (case-wide ones are in
 * `consent.ts` and `case.machine.ts`).
 */
import { assign, setup, type ActionFunction, type AnyEventObject, type GuardPredicate, type ParameterizedObject } from 'xstate';
import {
  childsViewRecorded,
  deadlineDelayMs,
  dueAt,
  DEADLINE_NAMES,
  type CaseEvent,
  type DeadlineName,
  type Role,
  type RuleResult,
  type Stage,
} from '@tacu/domain';
import type { StateMeta } from './definition';
import { createCaseContext, type CaseContext, type CaseInput } from './context';

/** The events a rule may be asked about: the catalogue's, or any (the engine explains refusals of any event). */
export type AnyCaseEvent = CaseEvent | AnyEventObject;

export function is<T extends CaseEvent['type']>(event: AnyCaseEvent, type: T): event is Extract<CaseEvent, { type: T }> {
  return event.type === type;
}

/**
 * A rule a guard checks: it returns the rule's result, so that the same function is the guard
 * (`.ok`) and its explanation (`.reason`).
 */
export type Rule = (context: CaseContext, event: AnyCaseEvent) => RuleResult;

/**
 * A guard that can say why it does not hold: the engine's GUARD_FAILED reasons and
 * `waitingEvents` come from `explain` (see `guardExplainer` in `workflow-kit.ts`).
 */
export interface ExplainedGuard<TParams = undefined> {
  (args: { context: CaseContext; event: AnyCaseEvent }, params: TParams): boolean;
  explain(context: CaseContext, event: AnyCaseEvent): string | undefined;
}

export function isExplainedGuard(guard: unknown): guard is ExplainedGuard<unknown> {
  return typeof guard === 'function' && typeof (guard as { explain?: unknown }).explain === 'function';
}

function ruleGuard(rule: Rule): ExplainedGuard {
  return Object.assign(({ context, event }: { context: CaseContext; event: AnyCaseEvent }) => rule(context, event).ok, {
    explain: (context: CaseContext, event: AnyCaseEvent) => {
      const result = rule(context, event);
      return result.ok ? undefined : result.reason;
    },
  });
}

/**
 * A routing guard (it reads what a stage decided) with a sentence that says what the case waits
 * for; the sentence is given whether or not the guard holds.
 */
export function explainedGuard<TParams = undefined>(
  check: (args: { context: CaseContext; event: AnyCaseEvent }, params: TParams) => boolean,
  explain: (context: CaseContext) => string,
): ExplainedGuard<TParams> {
  return Object.assign((args: { context: CaseContext; event: AnyCaseEvent }, params: TParams) => check(args, params), { explain });
}

type Params = ParameterizedObject['params'] | undefined;
type GuardImplementations<TGuards extends Record<string, Params>> = {
  [K in keyof TGuards]: GuardPredicate<CaseContext, CaseEvent, TGuards[K], never>;
};
type ActionImplementations<TActions extends Record<string, Params>> = {
  [K in keyof TActions]: ActionFunction<CaseContext, CaseEvent, CaseEvent, TActions[K], never, never, never, never, never>;
};

/** The guards and record-keeping actions of one process (or of the case), ready for `setup(...).extend`. */
export interface RuleFragment<TRuleName extends string, TGuards extends Record<string, Params>, TActions extends Record<string, Params>> {
  /** The rules, by guard name; each is also one of `guards`, explaining itself. */
  rules: Record<TRuleName, Rule>;
  guards: GuardImplementations<Record<TRuleName, undefined> & TGuards>;
  actions: ActionImplementations<TActions>;
}

/**
 * A typed fragment of a setup: `rules` (each becomes a guard that explains itself), other
 * `guards` (routing guards, guards with params) and `actions` (records the documents are made
 * of), written against `CaseContext` and `CaseEvent`. A machine's setup is `commonSetup`
 * extended with the fragments it uses, so its configs only type-check with names it has.
 */
export function defineRules<
  TRuleName extends string = never,
  TGuards extends Record<string, Params> = Record<never, never>,
  TActions extends Record<string, Params> = Record<never, never>,
>(fragment: {
  rules?: Record<TRuleName, Rule>;
  guards?: GuardImplementations<TGuards>;
  actions?: ActionImplementations<TActions>;
}): RuleFragment<TRuleName, TGuards, TActions> {
  const rules = fragment.rules ?? ({} as Record<TRuleName, Rule>);
  const ruleGuards = Object.fromEntries(Object.entries<Rule>(rules).map(([name, rule]) => [name, ruleGuard(rule)]));
  return {
    rules,
    guards: { ...ruleGuards, ...fragment.guards } as unknown as RuleFragment<TRuleName, TGuards, TActions>['guards'],
    actions: fragment.actions ?? ({} as ActionImplementations<TActions>),
  };
}

/**
 * Where a deadline's count starts when it starts now (the `countsFrom` of `startDeadline`):
 * - `now` (the default): the instant of the transition;
 * - `meeting`: the day of the meeting that leads here, as a person recorded it: HOLD_MEETING's
 *   `heldOn` (the minutes), the support meeting's `heldOn` when its stage ends (the action plan:
 *   "signed off within 10 working days of the meeting"), HOLD_REVIEW's `heldOn` (the review
 *   record), the last review's `heldOn` when a review ends in a revision or closure, or when the
 *   plan continues into the next review cycle, HOLD_CLOSING_MEETING's `heldOn` (the closing summary);
 *   the instant of the transition when there was no such meeting (e.g. closure proposed outside
 *   a review, or a stage resumed after an escalation);
 * - `phoneReport`: the time the urgent phone report was made (SUBMIT_REPORT's `reportedAt`),
 *   else the instant it was recorded;
 * - `contact`: the time a contact with the family took place (RECORD_CONTACT's `contactedOn`),
 *   else the instant of the transition.
 * A meeting held on 1 October and recorded on 30 November is therefore overdue at once.
 */
export type CountsFrom = 'now' | 'meeting' | 'phoneReport' | 'contact';

/** Whether `event` is the end of the case's `stage` (its `onDone`, which enters the next stage). */
export function endOfStage(event: AnyCaseEvent, stage: Stage): boolean {
  return event.type.startsWith('xstate.done.state.') && event.type.endsWith(`.${stage}`);
}

/** The day of the meeting that leads to this transition, or null (see `CountsFrom`). */
export function meetingDayOf(context: CaseContext, event: AnyCaseEvent): string | null {
  if (is(event, 'HOLD_MEETING') || is(event, 'HOLD_REVIEW') || is(event, 'HOLD_CLOSING_MEETING')) return event.heldOn;
  if (endOfStage(event, 'meeting')) return context.meeting.held?.heldOn ?? null;
  if (endOfStage(event, 'review') || is(event, 'CONTINUE_PLAN')) {
    const { current, previous } = context.review;
    return current?.heldOn ?? previous?.heldOn ?? null;
  }
  return null;
}

/** Where a deadline starting in this transition is counted from (see `CountsFrom`). */
export function countStart(context: CaseContext, event: AnyCaseEvent, countsFrom: CountsFrom = 'now'): string {
  if (countsFrom === 'meeting') return meetingDayOf(context, event) ?? context.now;
  if (countsFrom === 'phoneReport' && is(event, 'SUBMIT_REPORT') && event.reportedAt) return event.reportedAt;
  if (countsFrom === 'contact' && is(event, 'RECORD_CONTACT')) return event.contactedOn;
  return context.now;
}

/**
 * The rule a running deadline counts with: the one it started with; the current policy's for a
 * deadline that recorded none (snapshots written before deadlines recorded their rule).
 */
function ruleOf(context: CaseContext, name: DeadlineName) {
  return context.deadlineRules?.[name] ?? context.policy.deadlines[name];
}

/**
 * When the deadline `name` is due, counted from `deadlineStarts[name]` with the rule it started
 * with, on the calendar in context; null when that deadline is not running.
 */
export function deadlineDue(context: CaseContext, name: DeadlineName): Date | null {
  const start = context.deadlineStarts[name];
  return start === undefined ? null : dueAt(ruleOf(context, name), start, context.calendar);
}

/**
 * Time left (ms) until the deadline `name` is due, 0 once it has passed: the XState delay. A
 * deadline that was never started counts from now with the current policy's rule.
 */
export function remainingMs(context: CaseContext, name: DeadlineName): number {
  return deadlineDelayMs(ruleOf(context, name), context.deadlineStarts[name] ?? context.now, context.now, context.calendar);
}

const delays = Object.fromEntries(
  DEADLINE_NAMES.map((name) => [name, ({ context }: { context: CaseContext }) => remainingMs(context, name)]),
) as Record<DeadlineName, ({ context }: { context: CaseContext }) => number>;

export type NotifyParams = { to: Role | 'peopleInvolved'; about: string };

// `record` may be missing from a snapshot written before it existed (deadlineRules).
const withoutKeys = <T extends object>(record: T | undefined, keys: readonly string[]): T =>
  Object.fromEntries(Object.entries(record ?? {}).filter(([k]) => !keys.includes(k))) as T;

/** Shared by every process: `notify`, the deadline records, and the child's views (assessment, plan, review, closure). */
export const commonRules = defineRules({
  rules: {
    /** The child's voice is recorded at assessment, in the plan, at every review and at closure. */
    childsViewRecorded: (c, e) => {
      if (is(e, 'RECORD_ASSESSMENT')) return childsViewRecorded(e.views?.child, 'assessment');
      if (is(e, 'RECORD_REVIEW')) return childsViewRecorded(e.childViews, 'review');
      if (is(e, 'RECORD_CLOSURE_FEEDBACK')) return childsViewRecorded(e.childFeedback, 'closure');
      if (is(e, 'DRAFT_PLAN')) return childsViewRecorded(e.childViews, 'plan');
      if (is(e, 'SUBMIT_PLAN_FOR_SIGN_OFF')) return childsViewRecorded(c.plan.childViews, 'plan');
      return childsViewRecorded(c.assessment.record?.views?.child, 'assessment');
    },
  },
  guards: {
    deadlineNotYetMarked: explainedGuard(
      ({ context }, params: { deadline: DeadlineName }) => context.overdue[params.deadline] === undefined,
      () => 'The deadline was already marked overdue and the coordinator told.',
    ),
  },
  actions: {
    /** Effect: tell someone. The engine writes an outbox row; `about` names the event or deadline. */
    notify: (_, _params: NotifyParams) => {
      // Named effect only: the engine writes the notification to the outbox in the transaction.
    },

    /** A deadline starts: where it counts from, and the policy's rule for it now (kept for the stage). */
    startDeadline: assign(({ context, event }, params: { deadline: DeadlineName; countsFrom?: CountsFrom }) => ({
      deadlineStarts: { ...context.deadlineStarts, [params.deadline]: countStart(context, event, params.countsFrom) },
      deadlineRules: { ...context.deadlineRules, [params.deadline]: context.policy.deadlines[params.deadline] },
    })),
    markOverdue: assign(({ context }, params: { deadline: DeadlineName }) => ({
      overdue: { ...context.overdue, [params.deadline]: context.now },
      missedDeadlines: [...context.missedDeadlines, { deadline: params.deadline, at: context.now }],
    })),
    /** A stage ends: its deadlines no longer run and it is no longer overdue. */
    endDeadlines: assign(({ context }, params: { deadlines: readonly DeadlineName[] }) => ({
      deadlineStarts: withoutKeys(context.deadlineStarts, params.deadlines),
      deadlineRules: withoutKeys(context.deadlineRules, params.deadlines),
      overdue: withoutKeys(context.overdue, params.deadlines),
    })),
  },
});

/**
 * The setup every machine starts from: one `CaseContext`, the event catalogue `CaseEvent`,
 * `StateMeta` as meta, the deadline delays and the common rules. A process extends it with its
 * own fragment (`defineRules`) and the fragments it borrows.
 */
export const commonSetup = setup({
  types: {
    context: {} as CaseContext,
    events: {} as CaseEvent,
    input: {} as CaseInput,
    meta: {} as StateMeta,
  },
  delays,
}).extend(commonRules);

/** The config of a machine written with a setup. */
export type MachineConfigOf<TSetup extends { createMachine: (config: never) => unknown }> = Parameters<TSetup['createMachine']>[0];
/** One state node's config written with a setup: a misspelt (or foreign) guard, action or delay name fails `tsc`. */
export type StateConfigOf<TSetup extends { createMachine: (config: never) => unknown }> = NonNullable<MachineConfigOf<TSetup>['states']>[string];

export const contextFromInput = ({ input }: { input: CaseInput }): CaseContext => createCaseContext(input);
