import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The engine's tables: cases, their hash-chained audit trail, durable timers, the outbox and
 * idempotency records. SQL that runs on PostgreSQL 15 (server) and 18 (PGlite).
 */
export class Init1795392000000 implements MigrationInterface {
  name = 'Init1795392000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        workflow_id text NOT NULL,
        workflow_version int NOT NULL,
        area_id text NOT NULL,
        family_id uuid NULL,
        child_person_id uuid NULL,
        origin text NULL,
        previous_episode_id uuid NULL REFERENCES cases(id),
        lead_practitioner_id text NULL,
        state text NOT NULL,
        stage text NOT NULL,
        status text NOT NULL,
        closure_reason text NULL,
        due_at timestamptz NULL,
        overdue boolean NOT NULL DEFAULT false,
        snapshot jsonb NOT NULL,
        version int NOT NULL,
        last_audit_hash text NOT NULL,
        opened_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        closed_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX cases_area_status_due_idx ON cases (area_id, status, due_at)`);
    await q.query(`CREATE INDEX cases_lead_practitioner_idx ON cases (lead_practitioner_id) WHERE lead_practitioner_id IS NOT NULL`);
    await q.query(`CREATE INDEX cases_stage_idx ON cases (stage)`);
    await q.query(`CREATE INDEX cases_family_idx ON cases (family_id) WHERE family_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        seq int NOT NULL,
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        event_type text NOT NULL,
        from_state text NULL,
        to_state text NOT NULL,
        data jsonb NOT NULL DEFAULT '{}'::jsonb,
        prev_hash text NULL,
        hash text NOT NULL,
        CONSTRAINT audit_events_case_seq_key UNIQUE (case_id, seq)
      )`);
    // Append-only: corrections are new events, never edits.
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only (% rejected)', TG_OP;
      END
      $$`);
    await q.query(`
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`);

    await q.query(`
      CREATE TABLE timers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES cases(id),
        send_id text NOT NULL,
        event_type text NOT NULL,
        delay_name text NULL,
        state_id text NULL,
        due_at timestamptz NOT NULL,
        active boolean NOT NULL DEFAULT true,
        fired_at timestamptz NULL,
        created_at timestamptz NOT NULL,
        cancelled_at timestamptz NULL
      )`);
    await q.query(`CREATE INDEX timers_due_idx ON timers (due_at) WHERE active AND fired_at IS NULL`);
    await q.query(`CREATE INDEX timers_case_active_idx ON timers (case_id, send_id) WHERE active`);

    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        case_id uuid NOT NULL REFERENCES cases(id),
        kind text NOT NULL,
        payload jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz NOT NULL,
        processed_at timestamptz NULL,
        attempts int NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (id) WHERE processed_at IS NULL`);
    await q.query(`CREATE INDEX outbox_case_idx ON outbox (case_id)`);

    await q.query(`
      CREATE TABLE idempotency_records (
        scope text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE idempotency_records`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE timers`);
    await q.query(`DROP TRIGGER audit_events_append_only ON audit_events`);
    await q.query(`DROP TABLE audit_events`);
    await q.query(`DROP FUNCTION audit_events_append_only()`);
    await q.query(`DROP TABLE cases`);
  }
}
