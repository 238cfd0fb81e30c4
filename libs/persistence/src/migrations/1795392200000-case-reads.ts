import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reads of case data (domain.md: "every read and change of case data is in the audit trail").
 * Changes are the hash-chained `audit_events`, one per case version; reads do not change the
 * case, so they get their own append-only log rather than a place in that chain.
 */
export class CaseReads1795392200000 implements MigrationInterface {
  name = 'CaseReads1795392200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE case_reads (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        what text NOT NULL,
        request_id text NULL
      )`);
    await q.query(`CREATE INDEX case_reads_case_at_idx ON case_reads (case_id, at)`);
    await q.query(`
      CREATE FUNCTION case_reads_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'case_reads is append-only (% rejected)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER case_reads_append_only BEFORE UPDATE OR DELETE ON case_reads
      FOR EACH ROW EXECUTE FUNCTION case_reads_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER case_reads_append_only ON case_reads`);
    await q.query(`DROP FUNCTION case_reads_append_only()`);
    await q.query(`DROP TABLE case_reads`);
  }
}
