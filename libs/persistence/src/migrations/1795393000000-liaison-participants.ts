import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A designated liaison person keeps their record of a concern they handled once its escalation
 * is over (Children First: National Guidance 2017, ch. 3: the liaison person keeps records of
 * the concerns they handle): `case_participants` gets the kind `liaison`, written by the engine
 * like the others (the liaison consulted by id, and the liaison persons who recorded a report, a
 * decision not to report or an outcome). Backfilled from the concerns' consulted liaison persons
 * (what earlier records hold), so that the engine's next write of the case keeps the same rows.
 */
export class LiaisonParticipants1795393000000 implements MigrationInterface {
  name = 'LiaisonParticipants1795393000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_participants DROP CONSTRAINT case_participants_kind_check`);
    await q.query(`ALTER TABLE case_participants ADD CONSTRAINT case_participants_kind_check CHECK (kind IN ('opener', 'lead', 'invitee', 'actionOwner', 'liaison'))`);
    await q.query(`
      INSERT INTO case_participants (case_id, user_id, kind, since)
      SELECT DISTINCT c.id, u.id, 'liaison', c.updated_at
      FROM cases c
      CROSS JOIN LATERAL jsonb_path_query(c.snapshot, 'lax $.context.concerns[*].liaison.liaison.personId') AS p(person)
      JOIN users u ON u.id = p.person #>> '{}'
      ON CONFLICT DO NOTHING`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM case_participants WHERE kind = 'liaison'`);
    await q.query(`ALTER TABLE case_participants DROP CONSTRAINT case_participants_kind_check`);
    await q.query(`ALTER TABLE case_participants ADD CONSTRAINT case_participants_kind_check CHECK (kind IN ('opener', 'lead', 'invitee', 'actionOwner'))`);
  }
}
