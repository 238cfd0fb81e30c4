import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The pre-request checklist as its own record (Tusla's Pre-Meitheal Checklist, domain.md "The
 * unit of work"): the five national outcomes each rated 1-3 with a reason, who it was completed
 * with, and its outcome: a request for support (later linked to the case it opened), or "no
 * Meitheal needed" with what was done instead, kept and counted without a case.
 *
 * A checklist is a record of what was done with a family: never edited and never deleted, only
 * linked once to the case it led to (a trigger holds it). Who made, read, listed or linked one is
 * in the append-only `pre_request_checklist_events`: a checklist belongs to no case yet, so it has
 * no place in a case's hash chain.
 */
export class PreRequestChecklists1795392700000 implements MigrationInterface {
  name = 'PreRequestChecklists1795392700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE pre_request_checklists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id text NOT NULL REFERENCES areas(id),
        made_by text NOT NULL,
        made_at timestamptz NOT NULL,
        child_name text NOT NULL,
        ratings jsonb NOT NULL CHECK (jsonb_typeof(ratings) = 'array' AND jsonb_array_length(ratings) = 5),
        completed_with text NOT NULL CHECK (completed_with IN ('parent', 'child', 'both')),
        outcome text NOT NULL CHECK (outcome IN ('requestForSupport', 'noMeithealNeeded')),
        action_taken text NULL,
        case_id uuid NULL REFERENCES cases(id),
        linked_by text NULL,
        linked_at timestamptz NULL,
        CONSTRAINT pre_request_checklists_action_taken CHECK ((outcome = 'noMeithealNeeded') = (action_taken IS NOT NULL)),
        CONSTRAINT pre_request_checklists_case_only_for_a_request CHECK (case_id IS NULL OR outcome = 'requestForSupport'),
        CONSTRAINT pre_request_checklists_linked_together CHECK ((case_id IS NULL) = (linked_at IS NULL) AND (case_id IS NULL) = (linked_by IS NULL))
      )`);
    // One checklist per case, one case per checklist.
    await q.query(`CREATE UNIQUE INDEX pre_request_checklists_case_idx ON pre_request_checklists (case_id) WHERE case_id IS NOT NULL`);
    // The two lists: a coordinator's (the area) and a practitioner's own, newest first; and the figures.
    await q.query(`CREATE INDEX pre_request_checklists_area_idx ON pre_request_checklists (area_id, made_at DESC, id DESC)`);
    await q.query(`CREATE INDEX pre_request_checklists_made_by_idx ON pre_request_checklists (made_by, made_at DESC, id DESC)`);
    await q.query(`
      CREATE FUNCTION pre_request_checklists_kept() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.case_id IS NULL AND NEW.case_id IS NOT NULL
           AND (to_jsonb(NEW) - 'case_id' - 'linked_by' - 'linked_at') = (to_jsonb(OLD) - 'case_id' - 'linked_by' - 'linked_at') THEN
          RETURN NEW;
        END IF;
        RAISE EXCEPTION 'pre_request_checklists are kept as made: only linking one to its case is allowed (% rejected)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER pre_request_checklists_kept BEFORE UPDATE OR DELETE ON pre_request_checklists
      FOR EACH ROW EXECUTE FUNCTION pre_request_checklists_kept()`);

    await q.query(`
      CREATE TABLE pre_request_checklist_events (
        id bigserial PRIMARY KEY,
        checklist_id uuid NOT NULL REFERENCES pre_request_checklists(id),
        at timestamptz NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        what text NOT NULL CHECK (what IN ('made', 'read', 'listed', 'linked')),
        case_id uuid NULL REFERENCES cases(id),
        request_id text NULL
      )`);
    await q.query(`CREATE INDEX pre_request_checklist_events_checklist_idx ON pre_request_checklist_events (checklist_id, at)`);
    await q.query(`
      CREATE FUNCTION pre_request_checklist_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'pre_request_checklist_events is append-only (% rejected)', TG_OP;
      END $$`);
    await q.query(`
      CREATE TRIGGER pre_request_checklist_events_append_only BEFORE UPDATE OR DELETE ON pre_request_checklist_events
      FOR EACH ROW EXECUTE FUNCTION pre_request_checklist_events_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER pre_request_checklist_events_append_only ON pre_request_checklist_events`);
    await q.query(`DROP FUNCTION pre_request_checklist_events_append_only()`);
    await q.query(`DROP TABLE pre_request_checklist_events`);
    await q.query(`DROP TRIGGER pre_request_checklists_kept ON pre_request_checklists`);
    await q.query(`DROP FUNCTION pre_request_checklists_kept()`);
    await q.query(`DROP TABLE pre_request_checklists`);
  }
}
