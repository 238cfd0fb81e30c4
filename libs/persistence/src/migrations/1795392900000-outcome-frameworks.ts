import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome frameworks as configuration (domain.md "The unit of work"; libs/domain
 * outcome-frameworks.ts): the outcomes, sides of the child's world and rating scale a case is
 * rated on.
 * - `outcome_frameworks`: the frameworks configured besides the built-in default (Ireland's
 *   national outcomes, which is code, not a row), each a checked definition; written at start-up
 *   from the policy file (`outcomeFrameworks`).
 * - `organisations.outcome_framework_id`: the framework an organisation's new cases are rated on;
 *   null is the built-in default. A case copies the definition when it opens, so changing this
 *   never touches an open case.
 * - `pre_request_checklists.framework`: the definition a checklist was rated on (null: made before
 *   frameworks were configurable, on Ireland's five national outcomes); a checklist rates every
 *   outcome of its framework, so it holds 1 to 20 ratings (SHANARRI has eight), not always five.
 */
export class OutcomeFrameworks1795392900000 implements MigrationInterface {
  name = 'OutcomeFrameworks1795392900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outcome_frameworks (
        id text PRIMARY KEY,
        definition jsonb NOT NULL CHECK (definition->>'id' = id),
        configured_at timestamptz NOT NULL
      )`);
    await q.query(`ALTER TABLE organisations ADD COLUMN outcome_framework_id text NULL REFERENCES outcome_frameworks(id)`);
    await q.query(`ALTER TABLE pre_request_checklists ADD COLUMN framework jsonb NULL`);
    await q.query(`ALTER TABLE pre_request_checklists DROP CONSTRAINT pre_request_checklists_ratings_check`);
    await q.query(`
      ALTER TABLE pre_request_checklists ADD CONSTRAINT pre_request_checklists_ratings_check
        CHECK (jsonb_typeof(ratings) = 'array' AND jsonb_array_length(ratings) BETWEEN 1 AND 20 AND (framework IS NOT NULL OR jsonb_array_length(ratings) = 5))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE pre_request_checklists DROP CONSTRAINT pre_request_checklists_ratings_check`);
    await q.query(`ALTER TABLE pre_request_checklists ADD CONSTRAINT pre_request_checklists_ratings_check CHECK (jsonb_typeof(ratings) = 'array' AND jsonb_array_length(ratings) = 5)`);
    await q.query(`ALTER TABLE pre_request_checklists DROP COLUMN framework`);
    await q.query(`ALTER TABLE organisations DROP COLUMN outcome_framework_id`);
    await q.query(`DROP TABLE outcome_frameworks`);
  }
}
