/**
 * Small store over the people tables. It takes the caller's EntityManager, so opening a case
 * writes the family, its members and the case in one transaction. Sensitive details are read
 * only by the methods that say so.
 */
import type { EntityManager } from 'typeorm';
import { sql } from '../sql';
import { NO_PERSON_DETAILS, type Area, type Family, type FamilyMember, type HomeMember, type MemberWrite, type NewFamilyMember, type PersonDetails, type ProfessionalInvolved, type SensitiveDetails, type User } from './people.types';

interface UserRow {
  id: string;
  area_id: string;
  role: string;
  display_name: string;
  agency: string | null;
  active: boolean;
}

interface FamilyRow {
  id: string;
  area_id: string;
  created_by: string | null;
  created_at: Date | string;
}

interface MemberRow {
  id: string;
  family_id: string;
  relationship: string;
  name: string;
  date_of_birth: Date | string | null;
  has_parental_responsibility: boolean;
  gender: string | null;
  school: string | null;
  school_class: string | null;
  gp: string | null;
  first_language: string | null;
  interpreter_needed: boolean | null;
  lives_in_home: HomeMember[] | null;
  professionals_involved: ProfessionalInvolved[] | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const toIso = (value: Date | string): string => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());

/** A `date` column as YYYY-MM-DD, whatever the driver's type parser made of it. */
function toDay(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const local = new Date(value.getTime() - value.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 10);
}

const toUser = (r: UserRow): User => ({
  id: r.id,
  areaId: r.area_id,
  role: r.role,
  displayName: r.display_name,
  agency: r.agency,
  active: r.active,
});

const toFamily = (r: FamilyRow): Family => ({ id: r.id, areaId: r.area_id, createdBy: r.created_by, createdAt: toIso(r.created_at) });

const toMember = (r: MemberRow): FamilyMember => ({
  id: r.id,
  familyId: r.family_id,
  relationship: r.relationship,
  name: r.name,
  dateOfBirth: toDay(r.date_of_birth),
  hasParentalResponsibility: r.has_parental_responsibility,
  details: {
    gender: r.gender,
    school: r.school,
    schoolClass: r.school_class,
    gp: r.gp,
    firstLanguage: r.first_language,
    interpreterNeeded: r.interpreter_needed,
    livesInHome: r.lives_in_home,
    professionalsInvolved: r.professionals_involved,
  },
});

const MEMBER_COLUMNS = `id, family_id, relationship, name, date_of_birth::text AS date_of_birth, has_parental_responsibility,
  gender, school, school_class, gp, first_language, interpreter_needed, lives_in_home, professionals_involved`;

/** The detail columns' values, in the order of DETAIL_COLUMNS (lists as jsonb text, or null). */
function detailValues(details: Partial<PersonDetails> | undefined): unknown[] {
  const d: PersonDetails = { ...NO_PERSON_DETAILS, ...(details ?? {}) };
  const list = (value: unknown[] | null) => (value === null ? null : JSON.stringify(value));
  return [d.gender, d.school, d.schoolClass, d.gp, d.firstLanguage, d.interpreterNeeded, list(d.livesInHome), list(d.professionalsInvolved)];
}

export class PeopleStore {
  constructor(private readonly manager: EntityManager) {}

  async upsertArea(area: Area): Promise<void> {
    await this.manager.query(`INSERT INTO areas (id, name) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name`, [area.id, area.name]);
  }

  async findArea(id: string): Promise<Area | null> {
    const rows: Area[] = await this.manager.query(`SELECT id, name FROM areas WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async upsertUser(user: Omit<User, 'active'> & { active?: boolean }): Promise<void> {
    await this.manager.query(
      `INSERT INTO users (id, area_id, role, display_name, agency, active) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO UPDATE SET area_id = EXCLUDED.area_id, role = EXCLUDED.role,
         display_name = EXCLUDED.display_name, agency = EXCLUDED.agency, active = EXCLUDED.active`,
      [user.id, user.areaId, user.role, user.displayName, user.agency, user.active ?? true],
    );
  }

  async findUser(id: string): Promise<User | null> {
    const rows: UserRow[] = await this.manager.query(`SELECT id, area_id, role, display_name, agency, active FROM users WHERE id = $1`, [id]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  /** The users of these ids that exist (in no particular order). */
  async findUsers(ids: readonly string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows: UserRow[] = await this.manager.query(`SELECT id, area_id, role, display_name, agency, active FROM users WHERE id = ANY($1::text[])`, [ids]);
    return rows.map(toUser);
  }

  async listUsers(areaId?: string): Promise<User[]> {
    const rows: UserRow[] = areaId
      ? await this.manager.query(`SELECT id, area_id, role, display_name, agency, active FROM users WHERE area_id = $1 ORDER BY id`, [areaId])
      : await this.manager.query(`SELECT id, area_id, role, display_name, agency, active FROM users ORDER BY id`);
    return rows.map(toUser);
  }

  async insertFamily(family: { id?: string; areaId: string; createdBy: string | null; createdAt: Date; sensitive?: SensitiveDetails }): Promise<Family> {
    const rows: FamilyRow[] = await this.manager.query(
      `INSERT INTO families (id, area_id, created_by, created_at, sensitive) VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5)
       RETURNING id, area_id, created_by, created_at`,
      [family.id ?? null, family.areaId, family.createdBy, family.createdAt, JSON.stringify(family.sensitive ?? {})],
    );
    const row = rows[0];
    if (!row) throw new Error('insertFamily: no row returned');
    return toFamily(row);
  }

  async findFamily(id: string): Promise<Family | null> {
    const rows: FamilyRow[] = await this.manager.query(`SELECT id, area_id, created_by, created_at FROM families WHERE id = $1`, [id]);
    return rows[0] ? toFamily(rows[0]) : null;
  }

  async insertMembers(familyId: string, members: readonly NewFamilyMember[], createdAt: Date): Promise<FamilyMember[]> {
    const created: FamilyMember[] = [];
    for (const m of members) {
      const rows: MemberRow[] = await this.manager.query(
        `INSERT INTO family_members (id, family_id, relationship, name, date_of_birth, has_parental_responsibility, created_at, sensitive,
           gender, school, school_class, gp, first_language, interpreter_needed, lives_in_home, professionals_involved)
         VALUES (COALESCE($1::uuid, gen_random_uuid()), $2, $3, $4, $5::date, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16::jsonb)
         RETURNING ${MEMBER_COLUMNS}`,
        [
          m.id ?? null, familyId, m.relationship, m.name, m.dateOfBirth ?? null, m.hasParentalResponsibility ?? false, createdAt, JSON.stringify(m.sensitive ?? {}),
          ...detailValues(m.details),
        ],
      );
      const row = rows[0];
      if (!row) throw new Error('insertMembers: no row returned');
      created.push(toMember(row));
    }
    return created;
  }

  /**
   * Members of a family, without their sensitive details. `forShare`: held until the transaction
   * ends against a change of them (an event naming a member decides on what their record says:
   * parental responsibility is not taken from a consent giver meanwhile).
   */
  async listMembers(familyId: string, { forShare = false }: { forShare?: boolean } = {}): Promise<FamilyMember[]> {
    const rows: MemberRow[] = await this.manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM family_members WHERE family_id = $1 ORDER BY created_at, id${forShare ? ' FOR SHARE' : ''}`,
      [familyId],
    );
    return rows.map(toMember);
  }

  /** One member of a family, without their sensitive details; null when the family has no member of this id. */
  async findMember(familyId: string, memberId: string): Promise<FamilyMember | null> {
    if (!UUID.test(memberId)) return null;
    const rows: MemberRow[] = await this.manager.query(`SELECT ${MEMBER_COLUMNS} FROM family_members WHERE family_id = $1 AND id = $2`, [familyId, memberId]);
    return rows[0] ? toMember(rows[0]) : null;
  }

  /**
   * The same, locked until the transaction ends: a change reads the record it changes under the
   * lock, since sibling cases (each locking only its own case row) share the family's members.
   */
  async lockMember(familyId: string, memberId: string): Promise<FamilyMember | null> {
    if (!UUID.test(memberId)) return null;
    const rows: MemberRow[] = await this.manager.query(`SELECT ${MEMBER_COLUMNS} FROM family_members WHERE family_id = $1 AND id = $2 FOR UPDATE`, [familyId, memberId]);
    return rows[0] ? toMember(rows[0]) : null;
  }

  /** One member's sensitive details, locked until the transaction ends: call only after the policy allowed it. */
  async lockSensitiveOf(memberId: string): Promise<SensitiveDetails> {
    const rows: { sensitive: SensitiveDetails }[] = await this.manager.query(`SELECT sensitive FROM family_members WHERE id = $1 FOR UPDATE`, [memberId]);
    return rows[0]?.sensitive ?? {};
  }

  /** Writes a member's whole record back (every column and the sensitive details), after a change. */
  async updateMember(memberId: string, member: MemberWrite): Promise<FamilyMember> {
    const { rows } = await sql<MemberRow>(
      this.manager,
      `UPDATE family_members SET relationship = $2, name = $3, date_of_birth = $4::date, has_parental_responsibility = $5, sensitive = $6::jsonb,
         gender = $7, school = $8, school_class = $9, gp = $10, first_language = $11, interpreter_needed = $12,
         lives_in_home = $13::jsonb, professionals_involved = $14::jsonb
       WHERE id = $1
       RETURNING ${MEMBER_COLUMNS}`,
      [memberId, member.relationship, member.name, member.dateOfBirth, member.hasParentalResponsibility, JSON.stringify(member.sensitive), ...detailValues(member.details)],
    );
    const row = rows[0];
    if (!row) throw new Error(`updateMember: no member ${memberId}`);
    return toMember(row);
  }

  /** Sensitive details of a family and of each member: call only after the policy allowed it. */
  async readSensitive(familyId: string): Promise<{ family: SensitiveDetails; members: Record<string, SensitiveDetails> }> {
    const families: { sensitive: SensitiveDetails }[] = await this.manager.query(`SELECT sensitive FROM families WHERE id = $1`, [familyId]);
    const members: { id: string; sensitive: SensitiveDetails }[] = await this.manager.query(
      `SELECT id, sensitive FROM family_members WHERE family_id = $1`,
      [familyId],
    );
    return { family: families[0]?.sensitive ?? {}, members: Object.fromEntries(members.map((m) => [m.id, m.sensitive])) };
  }
}
