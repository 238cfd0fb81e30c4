/**
 * Where the engine gets the outcome framework a new case is rated on: the one the organisation of
 * its area names (`organisations.outcome_framework_id`), else the built-in default, Ireland's
 * national outcomes. Read once, when the case opens, in the transaction that opens it; the case
 * keeps its copy (`context.outcomeFramework`), so an organisation that changes framework never
 * changes what an open case is rated on.
 */
import type { EntityManager } from 'typeorm';
import { DEFAULT_OUTCOME_FRAMEWORK, outcomeFrameworkProblems, type OutcomeFramework } from '@tacu/domain';
import { OrganisationStore } from '@tacu/persistence';

export interface OutcomeFrameworkSource {
  /** The framework the organisation of `areaId` rates new cases on, read in the caller's transaction. */
  forArea(manager: EntityManager, areaId: string): Promise<OutcomeFramework>;
}

/**
 * The organisations' frameworks in the database. A stored definition that does not check (edited
 * by hand) throws rather than open a case on it: the start-up check names it first.
 */
export class OrganisationOutcomeFrameworks implements OutcomeFrameworkSource {
  async forArea(manager: EntityManager, areaId: string): Promise<OutcomeFramework> {
    const found = await new OrganisationStore(manager).outcomeFrameworkOfArea(areaId);
    if (!found) return DEFAULT_OUTCOME_FRAMEWORK;
    const problems = outcomeFrameworkProblems(found.definition, `outcome framework "${found.id}"`);
    if (problems.length > 0) throw new Error(`The stored ${problems.join('; ')}`);
    return found.definition as OutcomeFramework;
  }
}
