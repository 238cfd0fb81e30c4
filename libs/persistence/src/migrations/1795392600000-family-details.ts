import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What practitioners record about the child and the family (domain.md, from the Meitheal
 * forms), beyond name, date of birth and parental responsibility. Every column is optional:
 * practitioners learn these over time.
 *
 * Columns here are shown to everyone who reads a case of the family. Special-category data
 * (GDPR art. 9: ethnicity, religion, disability or additional needs) and contact details (of a
 * professional involved, like a family member's own) are NOT columns: they go in the existing
 * `sensitive` jsonb (keys `ethnicity`, `religion`, `disabilityOrAdditionalNeeds`,
 * `professionalContacts`), which only the policy's `canSeeSensitiveDetails` readers see.
 */
export class FamilyDetails1795392600000 implements MigrationInterface {
  name = 'FamilyDetails1795392600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE family_members
        ADD COLUMN gender text NULL,
        ADD COLUMN school text NULL,
        ADD COLUMN school_class text NULL,
        ADD COLUMN gp text NULL,
        ADD COLUMN first_language text NULL,
        ADD COLUMN interpreter_needed boolean NULL,
        ADD COLUMN lives_in_home jsonb NULL,
        ADD COLUMN professionals_involved jsonb NULL`);
    // Lists are lists, or nothing (a bug writing an object would otherwise be read back as one).
    await q.query(`
      ALTER TABLE family_members
        ADD CONSTRAINT family_members_lives_in_home_list CHECK (lives_in_home IS NULL OR jsonb_typeof(lives_in_home) = 'array'),
        ADD CONSTRAINT family_members_professionals_list CHECK (professionals_involved IS NULL OR jsonb_typeof(professionals_involved) = 'array')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE family_members
        DROP CONSTRAINT family_members_professionals_list,
        DROP CONSTRAINT family_members_lives_in_home_list,
        DROP COLUMN professionals_involved,
        DROP COLUMN lives_in_home,
        DROP COLUMN interpreter_needed,
        DROP COLUMN first_language,
        DROP COLUMN gp,
        DROP COLUMN school_class,
        DROP COLUMN school,
        DROP COLUMN gender`);
  }
}
