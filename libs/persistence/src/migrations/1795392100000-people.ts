import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People: network areas, the practitioners who sign in (users), families and their members.
 * A case names its family and child by id (cases.family_id, cases.child_person_id); sibling
 * cases share one family row and its members. Details dangerous if shared (an address kept from
 * a person someone fled, contact details) live only in the `sensitive` jsonb columns, so they are
 * never selected by accident and the API shows them only to whom the policy allows.
 */
export class People1795392100000 implements MigrationInterface {
  name = 'People1795392100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE areas (
        id text PRIMARY KEY,
        name text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id text PRIMARY KEY,
        area_id text NOT NULL REFERENCES areas(id),
        role text NOT NULL,
        display_name text NOT NULL,
        agency text NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_area_role_idx ON users (area_id, role)`);
    await q.query(`
      CREATE TABLE families (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        area_id text NOT NULL REFERENCES areas(id),
        created_by text NULL,
        created_at timestamptz NOT NULL,
        sensitive jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX families_area_idx ON families (area_id)`);
    await q.query(`
      CREATE TABLE family_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        family_id uuid NOT NULL REFERENCES families(id),
        relationship text NOT NULL,
        name text NOT NULL,
        date_of_birth date NULL,
        has_parental_responsibility boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL,
        sensitive jsonb NOT NULL DEFAULT '{}'::jsonb
      )`);
    await q.query(`CREATE INDEX family_members_family_idx ON family_members (family_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE family_members`);
    await q.query(`DROP TABLE families`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE areas`);
  }
}
