import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stage documents (domain.md: "Every state that produces a record names its document"): each
 * is rendered in the transition's own transaction and stored here as it was issued, never changed
 * and never deleted (a trigger holds it). One row per kind, audience (professional or family) and
 * locale per version: a re-issued plan is version 2 and version 1 stays byte for byte. The row
 * keeps the view model it was rendered from, the template version, the SHA-256 of the HTML (what
 * a sign-off names), and who and which event produced it.
 */
export class Documents1795393100000 implements MigrationInterface {
  name = 'Documents1795393100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('professional', 'family')),
        locale text NOT NULL CHECK (locale IN ('en', 'ga')),
        version integer NOT NULL CHECK (version >= 1),
        state text NOT NULL,
        case_version integer NOT NULL,
        event_type text NOT NULL,
        produced_at timestamptz NOT NULL,
        produced_by text NOT NULL,
        produced_by_role text NOT NULL,
        template_version text NOT NULL,
        view_model jsonb NOT NULL,
        html text NOT NULL,
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        CONSTRAINT documents_one_per_version UNIQUE (case_id, kind, audience, locale, version)
      )`);
    // A case's documents, newest first (the list), and each kind's latest version (the next issue).
    await q.query(`CREATE INDEX documents_case_idx ON documents (case_id, produced_at DESC, id)`);
    // Who read which document is kept with the other reads of the case.
    await q.query(`ALTER TABLE case_reads ADD COLUMN document_id uuid NULL REFERENCES documents(id)`);
    await q.query(`
      CREATE FUNCTION documents_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'documents are kept as issued: % rejected', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER documents_kept BEFORE UPDATE OR DELETE ON documents
      FOR EACH ROW EXECUTE FUNCTION documents_kept()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE case_reads DROP COLUMN document_id`);
    await q.query(`DROP TRIGGER documents_kept ON documents`);
    await q.query(`DROP TABLE documents`);
    await q.query(`DROP FUNCTION documents_kept()`);
  }
}
