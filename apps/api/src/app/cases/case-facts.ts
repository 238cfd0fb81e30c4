/**
 * The facts of a case the rules need from outside its record, written into the case before every
 * transition (libs/engine `CaseFactsSource`).
 *
 * From the family record, written into the case before every
 * transition (libs/engine `CaseFactsSource`): whether the young person has reached the
 * organisation's consent age (`policy.youngPersonConsentAge`, default 16) on today's local day.
 * The rule needs a yes or no, so only that enters the case: the date of birth stays in the family
 * record.
 */
import type { EntityManager } from 'typeorm';
import { consentPolicyOf, localDayOf, youngPersonIsOfAge, type DeadlinePolicy } from '@tacu/domain';
import type { CaseFactsSource } from '@tacu/engine';
import { DocumentStore, PeopleStore, type CaseRow } from '@tacu/persistence';

export class FamilyRecordFacts implements CaseFactsSource {
  /** `{ youngPersonOfAge }` from the date of birth of the case's child; nothing for a case without a family record. */
  async forCase(manager: EntityManager, row: CaseRow, at: { now: Date; timeZone: string; policy: DeadlinePolicy }): Promise<Record<string, unknown>> {
    if (!row.familyId || !row.childPersonId) return {};
    const child = (await new PeopleStore(manager).listMembers(row.familyId)).find((m) => m.id === row.childPersonId);
    const today = localDayOf(at.now.toISOString(), at.timeZone);
    return { youngPersonOfAge: youngPersonIsOfAge(child?.dateOfBirth ?? null, today, consentPolicyOf(at.policy).youngPersonConsentAge) };
  }
}

/** Stages in which no plan is sent or signed: their transitions need no plan documents (escalation may resume into the plan's). */
const STAGES_WITHOUT_SIGN_OFF: ReadonlySet<string> = new Set(['request', 'assessment', 'meeting', 'review', 'closure']);

/**
 * From the stored documents: the plan documents issued when each plan version was sent for
 * sign-off (`plansSentForSignOff`), so that a sign-off names the exact document signed. Read only
 * while a plan can be signed: in other stages the fact is empty, so the snapshot does not carry
 * the list and the transition makes no query for it.
 */
export class PlanDocumentFacts implements CaseFactsSource {
  async forCase(manager: EntityManager, row: CaseRow): Promise<Record<string, unknown>> {
    if (STAGES_WITHOUT_SIGN_OFF.has(row.stage)) return { plansSentForSignOff: [] };
    return { plansSentForSignOff: await new DocumentStore(manager).plansSentForSignOff(row.id) };
  }
}

/** The facts of several sources, one after the other (a later source's fact wins a clash). */
export class CombinedCaseFacts implements CaseFactsSource {
  constructor(private readonly sources: readonly CaseFactsSource[]) {}

  async forCase(manager: EntityManager, row: CaseRow, at: { now: Date; timeZone: string; policy: DeadlinePolicy }): Promise<Record<string, unknown>> {
    let facts: Record<string, unknown> = {};
    for (const source of this.sources) facts = { ...facts, ...(await source.forCase(manager, row, at)) };
    return facts;
  }
}
