import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who may see a case, as rows (architecture.md "Who may see a case is data"):
 * `case_participants` names the practitioners a case names, by kind:
 * - `opener`: made the request (sees it while it is a request);
 * - `lead`: the lead practitioner (sees it, closed or not);
 * - `invitee`: an agency practitioner invited to the meeting (sees it until it closes);
 * - `actionOwner`: a practitioner who owns an action of the plan (sees it until it closes).
 * The engine writes them in the transaction of the event that names them; coordinators and
 * designated liaison persons see cases by area, through the case row's own columns.
 *
 * Also: one open episode per child (a reopen reuses the child's record), each closed episode
 * reopened at most once, and indexes for every role's list.
 */
export class Participants1795392400000 implements MigrationInterface {
  name = 'Participants1795392400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_participants (
        case_id uuid NOT NULL REFERENCES cases(id),
        user_id text NOT NULL,
        kind text NOT NULL CHECK (kind IN ('opener', 'lead', 'invitee', 'actionOwner')),
        since timestamptz NOT NULL,
        PRIMARY KEY (case_id, user_id, kind)
      )`);
    await q.query(`CREATE INDEX case_participants_user_idx ON case_participants (user_id, kind, case_id)`);

    // Backfill from what the cases already say: their lead, who opened them (the first audit
    // event), and the practitioners their record names.
    await q.query(`
      INSERT INTO case_participants (case_id, user_id, kind, since)
      SELECT id, lead_practitioner_id, 'lead', updated_at FROM cases WHERE lead_practitioner_id IS NOT NULL
      ON CONFLICT DO NOTHING`);
    await q.query(`
      INSERT INTO case_participants (case_id, user_id, kind, since)
      SELECT a.case_id, a.actor_id, 'opener', a.at FROM audit_events a JOIN users u ON u.id = a.actor_id WHERE a.seq = 1
      ON CONFLICT DO NOTHING`);
    await q.query(`
      INSERT INTO case_participants (case_id, user_id, kind, since)
      SELECT c.id, u.id, 'invitee', c.updated_at
      FROM cases c
      CROSS JOIN LATERAL jsonb_path_query(c.snapshot, 'lax $.context.meeting.invitation.invitees[*] ? (exists(@.agency)).personId') AS p(person)
      JOIN users u ON u.id = p.person #>> '{}'
      ON CONFLICT DO NOTHING`);
    await q.query(`
      INSERT INTO case_participants (case_id, user_id, kind, since)
      SELECT c.id, u.id, 'actionOwner', c.updated_at
      FROM cases c
      CROSS JOIN LATERAL jsonb_path_query(c.snapshot, 'lax $.context.plan.actions[*].owner.personId') AS p(person)
      JOIN users u ON u.id = p.person #>> '{}'
      ON CONFLICT DO NOTHING`);

    await q.query(`CREATE INDEX cases_area_opened_idx ON cases (area_id, opened_at DESC, id DESC)`);
    await q.query(`CREATE INDEX cases_area_due_idx ON cases (area_id, due_at, id) WHERE due_at IS NOT NULL`);
    await q.query(`CREATE INDEX cases_area_stage_opened_idx ON cases (area_id, stage, opened_at DESC, id DESC)`);
    await q.query(`CREATE UNIQUE INDEX cases_one_open_episode_per_child_idx ON cases (child_person_id) WHERE status <> 'closed' AND child_person_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX cases_reopened_once_idx ON cases (previous_episode_id) WHERE previous_episode_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX cases_reopened_once_idx`);
    await q.query(`DROP INDEX cases_one_open_episode_per_child_idx`);
    await q.query(`DROP INDEX cases_area_stage_opened_idx`);
    await q.query(`DROP INDEX cases_area_due_idx`);
    await q.query(`DROP INDEX cases_area_opened_idx`);
    await q.query(`DROP TABLE case_participants`);
  }
}
