/**
 * Changing or completing what a case records of its family (`PATCH /cases/:id/child`,
 * `PATCH /cases/:id/family-members/:memberId`). Each change is one transaction through the
 * engine's `recordChangeIn`: the case row locked, need to know asked on it (404 for a case the
 * caller may not see), libs/auth `familyDetailsChange` deciding who may change it (403) and when
 * (409 once the case is closed), the person's row written, and one event appended to the case's
 * hash-chained audit trail naming who, when and which fields changed (never the values: the
 * history is read by everyone who reads the case, an invited agency included).
 *
 * A family is shared by its sibling cases: a change made through one case is seen through all,
 * and is in the history of the case it was made through.
 */
import { ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { caseRoleOf, familyDetailsChange } from '@tacu/auth';
import { DEFAULT_TIME_ZONE, dateOfBirthProblems, localDay, type Actor } from '@tacu/domain';
import type { Clock, Engine } from '@tacu/engine';
import { OrganisationStore, PeopleStore, canonicalJson, sql, type CaseRow, type FamilyMember, type MemberWrite, type PersonDetails, type SensitiveDetails } from '@tacu/persistence';
import { CLOCK, DATA_SOURCE, ENGINE } from '../core/tokens';
import { ValidationFailed } from '../errors/validation-failed';
import { accessFactsOf, CasesService, homeMemberProblems, invalid, type CommandOptions } from './cases.service';
import type { CaseResponse } from './cases.dto';
import { parseChildDetailsChange, parseFamilyMemberChange, type ChildDetailsChange, type FamilyMemberChange } from './family-details.dto';
import { PROFESSIONAL_CONTACTS, splitProfessionals, toHomeMembers } from './family-view';

/** The audit event types of these changes (not events of any machine). */
export const UPDATE_CHILD_DETAILS = 'UPDATE_CHILD_DETAILS';
export const UPDATE_FAMILY_MEMBER_DETAILS = 'UPDATE_FAMILY_MEMBER_DETAILS';

/** A person's record before or after a change, flattened to the field names of the API (`sensitive.address`...). */
type Fields = Record<string, unknown>;

/** The fields of a stored person, by the API's names; contacts of the professionals as one field. */
function fieldsOf(member: Pick<MemberWrite, 'name' | 'relationship' | 'dateOfBirth' | 'hasParentalResponsibility' | 'details' | 'sensitive'>): Fields {
  const sensitive = member.sensitive as Record<string, unknown>;
  const contact = (sensitive['contact'] ?? {}) as Record<string, unknown>;
  return {
    name: member.name,
    relationship: member.relationship,
    dateOfBirth: member.dateOfBirth,
    hasParentalResponsibility: member.hasParentalResponsibility,
    ...member.details,
    'contact.phone': contact['phone'] ?? null,
    'contact.email': contact['email'] ?? null,
    'sensitive.address': sensitive['address'] ?? null,
    'sensitive.ethnicity': sensitive['ethnicity'] ?? null,
    'sensitive.religion': sensitive['religion'] ?? null,
    'sensitive.disabilityOrAdditionalNeeds': sensitive['disabilityOrAdditionalNeeds'] ?? null,
    'professionalsInvolved.contact': sensitive[PROFESSIONAL_CONTACTS] ?? null,
  };
}

/** The names of the fields whose values differ, sorted. */
function changedFields(before: Fields, after: Fields): string[] {
  return Object.keys(after)
    .filter((field) => canonicalJson(before[field] ?? null) !== canonicalJson(after[field] ?? null))
    .sort();
}

/** `sensitive` after a change: keys given replace, keys cleared go, the others stay. */
function nextSensitive(stored: SensitiveDetails, given: Record<string, unknown> | undefined, cleared: readonly string[], prefix: string): Record<string, unknown> {
  const next: Record<string, unknown> = { ...(stored as Record<string, unknown>), ...(given ?? {}) };
  for (const field of cleared) if (field.startsWith(`${prefix}.`)) delete next[field.slice(prefix.length + 1)];
  return next;
}

@Injectable()
export class FamilyDetailsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    @Inject(ENGINE) private readonly engine: Engine,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly cases: CasesService,
  ) {}

  /**
   * Changes or completes the child's details (body: family-details.dto.ts `ChildDetailsChange`).
   * Throws 400 (bad body, a `familyMemberId` in livesInHome not of the family), 404 (a case the
   * caller may not see), 403 (one they may read but not change), 409 (a closed case, a stale
   * If-Match). Answers the case as the caller sees it.
   */
  async changeChild(actor: Actor, caseId: string, body: unknown, options: Pick<CommandOptions, 'expectedVersion'>, requestId: string | null): Promise<CaseResponse> {
    const parsed = parseChildDetailsChange(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const change = parsed.value;
    await this.dataSource.transaction((manager) =>
      this.record(manager, actor, caseId, UPDATE_CHILD_DETAILS, options, async (row, people) => {
        if (!row.familyId || !row.childPersonId) throw new ConflictException('This case has no record of its child to change.');
        const child = await people.lockMember(row.familyId, row.childPersonId);
        if (!child) throw new ConflictException('This case has no record of its child to change.');
        if (change.livesInHome) {
          const problem = homeMemberProblems(change.livesInHome, new Set((await people.listMembers(row.familyId)).map((m) => m.id)), 'livesInHome');
          if (problem) throw problem;
        }
        return { member: child, next: (stored) => this.nextChild(child, stored, change) };
      }),
    );
    return this.cases.get(actor, caseId, requestId);
  }

  /**
   * Changes or completes a family member's details (body: `FamilyMemberChange`). The member must be
   * of the case's family and not a child of one of its cases (their details change through their
   * own case, as the child). Parental responsibility is not taken from someone whose consent an open
   * case of the family stands on (409). Errors otherwise as `changeChild`.
   */
  async changeFamilyMember(actor: Actor, caseId: string, memberId: string, body: unknown, options: Pick<CommandOptions, 'expectedVersion'>, requestId: string | null): Promise<CaseResponse> {
    const parsed = parseFamilyMemberChange(body);
    if (!parsed.ok) throw new ValidationFailed(parsed.errors);
    const change = parsed.value;
    await this.dataSource.transaction((manager) =>
      this.record(manager, actor, caseId, UPDATE_FAMILY_MEMBER_DETAILS, options, async (row, people, within) => {
        const member = row.familyId ? await people.lockMember(row.familyId, memberId) : null;
        if (!member) throw new NotFoundException('There is no member of this case\'s family with this id: familyMembers of GET /cases/:id lists them.');
        if (member.relationship === 'child') {
          throw invalid(
            'memberId',
            member.id === row.childPersonId
              ? "memberId is the child of this case: change the child's details with PATCH /cases/:id/child"
              : "memberId is the child of a sibling case: change their details through their own case (PATCH /cases/:siblingId/child)",
          );
        }
        if (change.dateOfBirth !== undefined) await this.checkDateOfBirth(within, row, change.dateOfBirth);
        if (change.hasParentalResponsibility === false && member.hasParentalResponsibility) await this.checkConsentStandsElsewhere(within, row, member);
        return { member, next: (stored) => nextMember(member, stored, change) };
      }),
    );
    return this.cases.get(actor, caseId, requestId);
  }

  /**
   * The transaction of one change: need to know and the policy on the locked case row, then the
   * person's row, locked and read (sensitive details too) under the lock, the change, and its audit
   * event (through the engine, in the case's chain). Nothing is written when nothing changes.
   */
  private async record(
    manager: EntityManager,
    actor: Actor,
    caseId: string,
    eventType: string,
    options: Pick<CommandOptions, 'expectedVersion'>,
    target: (row: CaseRow, people: PeopleStore, manager: EntityManager) => Promise<{ member: FamilyMember; next: (stored: SensitiveDetails) => MemberWrite }>,
  ): Promise<void> {
    await this.engine.recordChangeIn(manager, {
      caseId,
      actor,
      eventType,
      ...(options.expectedVersion !== undefined ? { expectedVersion: options.expectedVersion } : {}),
      roleOnCase: (row) => caseRoleOf(actor, accessFactsOf(row)),
      apply: async (row, _role, within) => {
        switch (familyDetailsChange(actor, accessFactsOf(row))) {
          case 'notPermitted':
            throw new ForbiddenException("You may read this case but not change its family's details: its lead practitioner, or a coordinator of its area, does.");
          case 'caseClosed':
            throw new ConflictException("The case is closed: its record is history. To record what has changed, reopen the child's record as a new episode (POST /cases with previousEpisodeId) and change it there.");
          case 'allowed':
            break;
        }
        const people = new PeopleStore(within);
        const { member, next } = await target(row, people, within);
        const stored = await people.lockSensitiveOf(member.id);
        const after = next(stored);
        const fields = changedFields(fieldsOf({ ...member, sensitive: stored }), fieldsOf(after));
        if (fields.length === 0) return null;
        await people.updateMember(member.id, after);
        return { familyMemberId: member.id, fields };
      },
    });
  }

  private nextChild(child: FamilyMember, stored: SensitiveDetails, change: ChildDetailsChange): MemberWrite {
    const cleared = change.clear ?? [];
    const value = <K extends keyof PersonDetails>(key: K, given: PersonDetails[K] | undefined): PersonDetails[K] =>
      cleared.includes(key as never) ? null : given !== undefined ? given : child.details[key];
    const professionals = change.professionalsInvolved ? splitProfessionals(change.professionalsInvolved) : null;
    const details: PersonDetails = {
      gender: value('gender', change.gender),
      school: value('school', change.school),
      schoolClass: value('schoolClass', change.schoolClass),
      gp: value('gp', change.gp),
      firstLanguage: value('firstLanguage', change.firstLanguage),
      interpreterNeeded: value('interpreterNeeded', change.interpreterNeeded),
      livesInHome: value('livesInHome', change.livesInHome ? toHomeMembers(change.livesInHome) : undefined),
      professionalsInvolved: value('professionalsInvolved', professionals?.professionals),
    };
    const sensitive = nextSensitive(stored, change.sensitive as Record<string, unknown> | undefined, cleared, 'sensitive');
    // The professionals' contacts go with the list they belong to: replaced with it, cleared with it.
    if (cleared.includes('professionalsInvolved') || professionals) delete sensitive[PROFESSIONAL_CONTACTS];
    if (professionals?.contacts.some((c) => c !== null)) sensitive[PROFESSIONAL_CONTACTS] = professionals.contacts;
    return { name: child.name, relationship: child.relationship, dateOfBirth: child.dateOfBirth, hasParentalResponsibility: child.hasParentalResponsibility, details, sensitive };
  }

  /** A family member's date of birth: not in the future, younger than 120, on the organisation's calendar. */
  private async checkDateOfBirth(manager: EntityManager, row: CaseRow, dateOfBirth: string): Promise<void> {
    const timeZone = (await new OrganisationStore(manager).timeZonesOfAreas([row.areaId])).get(row.areaId) ?? DEFAULT_TIME_ZONE;
    const problems = dateOfBirthProblems('dateOfBirth', dateOfBirth, 'familyMember', localDay(this.clock.now(), timeZone), timeZone);
    if (problems.length > 0) throw new ValidationFailed(problems.map(({ field, problem }) => ({ field, problems: [problem] })));
  }

  /**
   * Consent first: a case stands on the written consent of someone with parental responsibility
   * (libs/domain `hasValidConsent`). Taking it from the person whose consent an open case of the
   * family holds would leave that case running on consent nobody could give.
   */
  private async checkConsentStandsElsewhere(manager: EntityManager, row: CaseRow, member: FamilyMember): Promise<void> {
    const { rows } = await sql<{ n: number }>(
      manager,
      `SELECT count(*)::int AS n FROM cases
       WHERE family_id = $1 AND status <> 'closed'
         AND (
           EXISTS (
             SELECT 1 FROM jsonb_array_elements(COALESCE(snapshot->'context'->'consents', '[]'::jsonb)) c
             WHERE c->'givenBy'->>'personId' = $2 AND (c->>'given')::boolean AND jsonb_typeof(c->'withdrawn') IS DISTINCT FROM 'object'
           )
           -- a case stored before consent was kept per person, not yet moved on by a transition
           OR (snapshot->'context'->'consent'->'givenBy'->>'personId' = $2 AND snapshot->'context'->'consent'->'withdrawn' IS NULL)
         )`,
      [row.familyId, member.id],
    );
    if ((rows[0]?.n ?? 0) > 0) {
      throw new ConflictException(
        `${member.name} gave the written consent that an open case of this family stands on: parental responsibility cannot be taken from them while it does. Record the consent of a parent/carer who has parental responsibility (RECORD_CONSENT) first.`,
      );
    }
  }
}

function nextMember(member: FamilyMember, stored: SensitiveDetails, change: FamilyMemberChange): MemberWrite {
  const cleared = change.clear ?? [];
  const pick = <T>(field: string, given: T | undefined, current: T): T | null => (cleared.includes(field as never) ? null : given !== undefined ? given : current);
  const sensitive = nextSensitive(stored, change.sensitive as Record<string, unknown> | undefined, cleared, 'sensitive');
  const contact = nextSensitive((sensitive['contact'] ?? {}) as SensitiveDetails, change.contact as Record<string, unknown> | undefined, cleared, 'contact');
  if (Object.keys(contact).length > 0) sensitive['contact'] = contact;
  else delete sensitive['contact'];
  return {
    name: change.name ?? member.name,
    relationship: change.relationship ?? member.relationship,
    dateOfBirth: pick('dateOfBirth', change.dateOfBirth, member.dateOfBirth),
    hasParentalResponsibility: change.hasParentalResponsibility ?? member.hasParentalResponsibility,
    details: {
      ...member.details,
      firstLanguage: pick('firstLanguage', change.firstLanguage, member.details.firstLanguage),
      interpreterNeeded: pick('interpreterNeeded', change.interpreterNeeded, member.details.interpreterNeeded),
    },
    sensitive,
  };
}
