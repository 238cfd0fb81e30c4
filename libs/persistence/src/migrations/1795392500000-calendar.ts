import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The working calendar of each organisation (domain.md: deadlines "configurable per
 * organisation"; architecture.md "Time is local"):
 * - `organisations`: the country and region whose public holidays apply (codes of the holiday
 *   library, date-holidays), the time zone deadlines are counted in, how weekend holidays get a
 *   substitute day, and `holiday_source`: which library version and settings the open deadlines
 *   were last counted with (a new one at start-up recounts them). One row, `default` (Ireland,
 *   Europe/Dublin), exists from the start; every area belongs to an organisation (`default`
 *   unless said otherwise).
 * - `closure_days`: days an organisation closes besides public holidays (added, never edited).
 * - `calendar_changes`: who changed a calendar, when and why (a closure day added, the settings
 *   or the library changed), and whether the open deadlines it moves have been recounted yet
 *   (`completed_at`): a change survives a crash until every case is recounted.
 */
export class Calendar1795392500000 implements MigrationInterface {
  name = 'Calendar1795392500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organisations (
        id text PRIMARY KEY,
        name text NOT NULL,
        country text NOT NULL DEFAULT 'IE',
        region text NULL,
        time_zone text NOT NULL DEFAULT 'Europe/Dublin',
        substitute_days text NOT NULL DEFAULT 'nextWeekday' CHECK (substitute_days IN ('nextWeekday', 'library')),
        holiday_source text NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`INSERT INTO organisations (id, name) VALUES ('default', 'Default organisation')`);
    await q.query(`ALTER TABLE areas ADD COLUMN organisation_id text NOT NULL DEFAULT 'default' REFERENCES organisations(id)`);
    await q.query(`CREATE INDEX areas_organisation_idx ON areas (organisation_id)`);
    await q.query(`
      CREATE TABLE closure_days (
        organisation_id text NOT NULL REFERENCES organisations(id),
        day date NOT NULL,
        name text NOT NULL,
        created_at timestamptz NOT NULL,
        created_by text NULL,
        PRIMARY KEY (organisation_id, day)
      )`);
    await q.query(`
      CREATE TABLE calendar_changes (
        id bigserial PRIMARY KEY,
        organisation_id text NOT NULL REFERENCES organisations(id),
        kind text NOT NULL,
        detail jsonb NOT NULL DEFAULT '{}'::jsonb,
        affects_from timestamptz NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        request_id text NULL,
        created_at timestamptz NOT NULL,
        completed_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX calendar_changes_pending_idx ON calendar_changes (id) WHERE completed_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_changes`);
    await q.query(`DROP TABLE closure_days`);
    await q.query(`DROP INDEX areas_organisation_idx`);
    await q.query(`ALTER TABLE areas DROP COLUMN organisation_id`);
    await q.query(`DROP TABLE organisations`);
  }
}
