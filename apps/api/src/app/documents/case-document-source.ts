/**
 * The app's `DocumentSource` (libs/engine): renders the document a state names from the case's
 * context at that moment and the case facts the context does not hold (the child's and family's
 * names, the area and organisation, the practitioners, the plan document the family signed),
 * read in the transition's transaction. Each kind is rendered for every audience it is written
 * for; the family version also in Irish when someone in the family gives Irish as their first
 * language (domain.md: "Families read what is written about them"). Sensitive details (addresses,
 * contacts, special-category data) are never read here, so no document holds them.
 */
import type { EntityManager } from 'typeorm';
import {
  AUDIENCES_OF,
  buildViewModel,
  isDocumentKind,
  type CaseFacts,
  type DocumentRenderer,
  type Locale,
} from '@tacu/documents';
import type { DocumentRequest, DocumentSource, RenderedDocument } from '@tacu/engine';
import { OrganisationStore, PeopleStore, type FamilyMember } from '@tacu/persistence';
import type { CaseContext } from '@tacu/workflows';
import { DEFAULT_TIME_ZONE } from '@tacu/domain';

/** The reference people quote for a case: the first 8 characters of its id, upper case (`C-3F2A9C1B`). */
export function caseReferenceOf(caseId: string): string {
  return `C-${caseId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
}

/** Whether a first language recorded as free text is Irish (`Irish`, `Gaeilge`, `ga`). */
export function speaksIrish(firstLanguage: string | null): boolean {
  return firstLanguage !== null && /^\s*(irish|gaeilge|ga)\b/i.test(firstLanguage);
}

/** What the documents take from the app's configuration. */
export interface CaseDocumentOptions {
  /**
   * The organisation's name as configured (ORGANISATION_NAME), the one its pages show: a document
   * names the organisation the same way (the database's organisation row keeps its seeded name).
   */
  organisationName: string;
}

export class CaseDocumentSource implements DocumentSource {
  constructor(
    private readonly renderer: DocumentRenderer,
    private readonly options: CaseDocumentOptions,
  ) {}

  /** Every audience of the kind, in English and, for the family, in Irish where the family speaks it. Throws for a kind without templates. */
  async render(manager: EntityManager, request: DocumentRequest): Promise<RenderedDocument[]> {
    const { kind } = request;
    if (!isDocumentKind(kind)) throw new Error(`A state names the document "${kind}", which has no templates (templates/ holds ${Object.keys(AUDIENCES_OF).join(', ')}).`);
    const { facts, familyLocales } = await this.factsOf(manager, request);
    const context = request.context as CaseContext;
    const producedAt = request.now.toISOString();
    const rendered: RenderedDocument[] = [];
    for (const audience of AUDIENCES_OF[kind]) {
      const locales: Locale[] = audience === 'family' ? familyLocales : ['en'];
      const viewModel = buildViewModel(kind, audience, { context, facts, producedAt });
      for (const locale of locales) {
        const key = { kind, audience, locale };
        rendered.push({ audience, locale, html: this.renderer.render(key, viewModel), viewModel, templateVersion: this.renderer.templateVersion(key) });
      }
    }
    return rendered;
  }

  private async factsOf(manager: EntityManager, request: DocumentRequest): Promise<{ facts: CaseFacts; familyLocales: Locale[] }> {
    const { caseRow } = request;
    const people = new PeopleStore(manager);
    const organisations = new OrganisationStore(manager);
    const members: FamilyMember[] = caseRow.familyId ? await people.listMembers(caseRow.familyId) : [];
    const child = members.find((m) => m.id === caseRow.childPersonId);
    const area = await people.findArea(caseRow.areaId);
    const organisation = await organisations.find(await organisations.organisationIdOfArea(caseRow.areaId));
    const practitioners = await people.listUsers(caseRow.areaId);
    const context = request.context as CaseContext;
    if (context.leadPractitionerId && !practitioners.some((p) => p.id === context.leadPractitionerId)) {
      const lead = await people.findUser(context.leadPractitionerId);
      if (lead) practitioners.push(lead);
    }
    const family = members.filter((m) => m.id !== caseRow.childPersonId);
    const facts: CaseFacts = {
      caseId: caseRow.id,
      caseReference: caseReferenceOf(caseRow.id),
      child: { name: child?.name ?? 'the child', dateOfBirth: child?.dateOfBirth ?? null },
      familyMembers: family.map((m) => ({ name: m.name, personId: m.id, relationship: m.relationship, hasParentalResponsibility: m.hasParentalResponsibility })),
      area: { id: caseRow.areaId, name: area?.name ?? caseRow.areaId },
      organisation: { name: this.options.organisationName, timeZone: request.timeZone ?? organisation?.timeZone ?? DEFAULT_TIME_ZONE },
      // Users hold no work phone or e-mail yet: "who to call" names the practitioner and their agency.
      practitioners: practitioners.map((u) => ({ id: u.id, name: u.displayName, agency: u.agency, phone: null, email: null })),
    };
    const irish = members.some((m) => speaksIrish(m.details.firstLanguage));
    return { facts, familyLocales: irish ? ['en', 'ga'] : ['en'] };
  }
}
