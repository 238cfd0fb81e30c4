/**
 * Many cases at once, written with SQL in the shapes the engine writes (case rows and their
 * participants), for the list plans test (test/server/case-lists.spec.ts) and the list bench
 * (npm run bench:lists). Areas `area-0..`, leads `lead-<area>-<n>`, agency practitioners
 * `agency-<area>-<n>`; stages cycle through the practice model, one case in seven closed; each
 * case has its lead and opener, and one in five an invited agency practitioner.
 */
import type { DataSource } from 'typeorm';

export interface ScaleOptions {
  cases: number;
  areas: number;
  leadsPerArea: number;
  agencyPerArea: number;
}

export const DEFAULT_SCALE: ScaleOptions = { cases: 200_000, areas: 40, leadsPerArea: 25, agencyPerArea: 10 };

/** Writes the areas, users, cases and participants, then ANALYZE: into the tables `search_path` names first. */
export async function seedCasesAtScale(ds: DataSource, { cases, areas, leadsPerArea, agencyPerArea }: ScaleOptions = DEFAULT_SCALE): Promise<void> {
  await ds.query(`INSERT INTO areas (id, name) SELECT 'area-' || a, 'Area ' || a FROM generate_series(0, ${areas - 1}) a`);
  await ds.query(`
    INSERT INTO users (id, area_id, role, display_name, agency)
    SELECT 'lead-' || a || '-' || l, 'area-' || a, 'leadPractitioner', 'Lead', 'School' FROM generate_series(0, ${areas - 1}) a, generate_series(0, ${leadsPerArea - 1}) l
    UNION ALL
    SELECT 'agency-' || a || '-' || l, 'area-' || a, 'agencyPractitioner', 'Nurse', 'Public Health Nursing' FROM generate_series(0, ${areas - 1}) a, generate_series(0, ${agencyPerArea - 1}) l`);
  // The record carries its invitees where the machine keeps them (so the old JSON search can be measured against it).
  await ds.query(`
    INSERT INTO cases (id, workflow_id, workflow_version, area_id, lead_practitioner_id, state, stage, status, due_at, overdue, snapshot, version, last_audit_hash, opened_at, updated_at)
    SELECT id, 'case', 1, 'area-' || (g % ${areas}), 'lead-' || (g % ${areas}) || '-' || ((g / ${areas}) % ${leadsPerArea}),
      (ARRAY['request.submitted','assessment.inProgress','meeting.invited','actionPlan.drafting','review.scheduled','escalation.raised','closed'])[1 + g % 7],
      (ARRAY['request','assessment','meeting','actionPlan','review','escalation','closure'])[1 + g % 7],
      CASE WHEN g % 7 = 6 THEN 'closed' WHEN g % 7 = 5 THEN 'onHold' ELSE 'active' END,
      CASE WHEN g % 7 = 6 THEN NULL ELSE timestamptz '2026-06-01' + (g % 997) * interval '1 hour' END, false,
      jsonb_build_object('context', jsonb_build_object(
        'padding', repeat('x', 400),
        'meeting', jsonb_build_object('invitation', CASE WHEN abs(hashtext(id::text)) % 5 = 0 THEN
          jsonb_build_object('invitees', jsonb_build_array(jsonb_build_object('name', 'Nurse', 'agency', 'Public Health Nursing', 'approvedByFamily', true,
            'personId', 'agency-' || (g % ${areas}) || '-' || ((abs(hashtext(id::text)) / 5) % ${agencyPerArea})))) END))),
      1, 'hash', timestamptz '2026-01-01' + g * interval '1 minute', timestamptz '2026-01-01' + g * interval '1 minute'
    FROM (SELECT g, gen_random_uuid() AS id FROM generate_series(0, ${cases - 1}) g) s`);
  await ds.query(`INSERT INTO case_participants (case_id, user_id, kind, since) SELECT id, lead_practitioner_id, 'lead', opened_at FROM cases`);
  await ds.query(`INSERT INTO case_participants (case_id, user_id, kind, since) SELECT id, lead_practitioner_id, 'opener', opened_at FROM cases`);
  await ds.query(`
    INSERT INTO case_participants (case_id, user_id, kind, since)
    SELECT id, snapshot #>> '{context,meeting,invitation,invitees,0,personId}', 'invitee', opened_at
    FROM cases WHERE snapshot #>> '{context,meeting,invitation,invitees,0,personId}' IS NOT NULL`);
  await ds.query('ANALYZE');
}

/** A schema of empty copies of the tables the lists read, first on the search path (the server's shared test database stays untouched). */
export async function useScratchSchema(ds: DataSource, schema: string): Promise<void> {
  await ds.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await ds.query(`CREATE SCHEMA ${schema}`);
  await ds.query(`SET search_path TO ${schema}, public`);
  for (const table of ['areas', 'users', 'cases', 'case_participants']) {
    await ds.query(`CREATE TABLE ${schema}.${table} (LIKE public.${table} INCLUDING ALL)`);
  }
}
