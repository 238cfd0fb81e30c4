/**
 * The facts of a case the rules need from the family record, written into the case before every
 * transition (libs/engine `CaseFactsSource`): whether the young person has reached the
 * organisation's consent age (`policy.youngPersonConsentAge`, default 16) on today's local day.
 * The rule needs a yes or no, so only that enters the case: the date of birth stays in the family
 * record.
 */
import type { EntityManager } from 'typeorm';
import { consentPolicyOf, localDayOf, youngPersonIsOfAge, type DeadlinePolicy } from '@tacu/domain';
import type { CaseFactsSource } from '@tacu/engine';
import { PeopleStore, type CaseRow } from '@tacu/persistence';

export class FamilyRecordFacts implements CaseFactsSource {
  /** `{ youngPersonOfAge }` from the date of birth of the case's child; nothing for a case without a family record. */
  async forCase(manager: EntityManager, row: CaseRow, at: { now: Date; timeZone: string; policy: DeadlinePolicy }): Promise<Record<string, unknown>> {
    if (!row.familyId || !row.childPersonId) return {};
    const child = (await new PeopleStore(manager).listMembers(row.familyId)).find((m) => m.id === row.childPersonId);
    const today = localDayOf(at.now.toISOString(), at.timeZone);
    return { youngPersonOfAge: youngPersonIsOfAge(child?.dateOfBirth ?? null, today, consentPolicyOf(at.policy).youngPersonConsentAge) };
  }
}
