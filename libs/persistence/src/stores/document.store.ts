import type { EntityManager } from 'typeorm';
import { jsonb, sql } from '../sql';

/** Who a document is written for: practitioners, or the family in plain language. */
export type DocumentAudience = 'professional' | 'family';

/** A stage document as issued, before it has an id (see migration 1795393100000-documents). */
export interface NewDocument {
  caseId: string;
  /** The document the state names in its `meta` (`actionPlan`, `reviewRecord`, ...). */
  kind: string;
  audience: DocumentAudience;
  /** `en` or `ga`. */
  locale: string;
  /** 1 for the first issue of this kind, audience and locale on the case; each re-issue adds one. */
  version: number;
  /** The state entered that produced it (dotted, e.g. `actionPlan.awaitingFamilySignOff`). */
  state: string;
  /** The case's version after the transition that produced it. */
  caseVersion: number;
  eventType: string;
  producedAt: Date;
  producedBy: string;
  producedByRole: string;
  templateVersion: string;
  viewModel: unknown;
  html: string;
  /** SHA-256 of the HTML's UTF-8 bytes, lowercase hex. */
  sha256: string;
}

export interface DocumentRow extends NewDocument {
  id: string;
}

/** A document without its HTML and view model: what a list shows. */
export type DocumentSummary = Omit<DocumentRow, 'html' | 'viewModel'>;

const SUMMARY = `id, case_id AS "caseId", kind, audience, locale, version, state, case_version AS "caseVersion", event_type AS "eventType",
  produced_at AS "producedAt", produced_by AS "producedBy", produced_by_role AS "producedByRole", template_version AS "templateVersion", sha256`;

/** The stored stage documents: written once in the transition's transaction, never changed. */
export class DocumentStore {
  constructor(private readonly manager: EntityManager) {}

  /** Inserts the documents and answers their ids, in order. A second row for one version fails (unique). */
  async add(documents: readonly NewDocument[]): Promise<string[]> {
    if (documents.length === 0) return [];
    const params: unknown[] = [];
    const values = documents.map((d) => {
      const base = params.length;
      params.push(d.caseId, d.kind, d.audience, d.locale, d.version, d.state, d.caseVersion, d.eventType, d.producedAt, d.producedBy, d.producedByRole, d.templateVersion, jsonb(d.viewModel), d.html, d.sha256);
      const p = (i: number) => `$${base + i}`;
      return `(${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)}, ${p(6)}, ${p(7)}, ${p(8)}, ${p(9)}, ${p(10)}, ${p(11)}, ${p(12)}, ${p(13)}::jsonb, ${p(14)}, ${p(15)})`;
    });
    const { rows } = await sql<{ id: string }>(
      this.manager,
      `INSERT INTO documents (case_id, kind, audience, locale, version, state, case_version, event_type, produced_at, produced_by, produced_by_role, template_version, view_model, html, sha256)
       VALUES ${values.join(', ')} RETURNING id`,
      params,
    );
    return rows.map((r) => r.id);
  }

  /** The latest version of each kind, audience and locale already issued on the case (0 when none), keyed `kind/audience/locale`. */
  async latestVersions(caseId: string): Promise<Map<string, number>> {
    const { rows } = await sql<{ kind: string; audience: string; locale: string; version: number }>(
      this.manager,
      `SELECT kind, audience, locale, max(version) AS version FROM documents WHERE case_id = $1 GROUP BY kind, audience, locale`,
      [caseId],
    );
    return new Map(rows.map((r) => [documentSeries(r), Number(r.version)]));
  }

  /** The case's documents without their HTML, oldest first. */
  async listForCase(caseId: string): Promise<DocumentSummary[]> {
    const { rows } = await sql<DocumentSummary>(this.manager, `SELECT ${SUMMARY} FROM documents WHERE case_id = $1 ORDER BY produced_at, case_version, kind, audience, locale`, [caseId]);
    return rows;
  }

  /**
   * The latest action plan document of `audience` and `locale` issued when plan version
   * `planVersion` was sent to the family for sign-off (state `actionPlan.awaitingFamilySignOff`):
   * the document a sign-off of that version names. Null when none was issued.
   */
  async planSentForSignOff(caseId: string, planVersion: number, audience: DocumentAudience, locale: string): Promise<DocumentSummary | null> {
    const { rows } = await sql<DocumentSummary>(
      this.manager,
      `SELECT ${SUMMARY} FROM documents
        WHERE case_id = $1 AND kind = 'actionPlan' AND audience = $3 AND locale = $4 AND state = 'actionPlan.awaitingFamilySignOff'
          AND view_model #>> '{signOff,planVersion}' = $2::text
        ORDER BY version DESC LIMIT 1`,
      [caseId, planVersion, audience, locale],
    );
    return rows[0] ?? null;
  }

  /**
   * Every action plan document issued when a plan version was sent for sign-off (all versions,
   * audiences and locales, oldest first), with the plan version each was rendered for: what a
   * sign-off may name, and what it must not.
   */
  async plansSentForSignOff(caseId: string): Promise<Array<Pick<DocumentSummary, 'id' | 'version' | 'audience' | 'locale' | 'sha256'> & { planVersion: number }>> {
    const { rows } = await sql<Pick<DocumentSummary, 'id' | 'version' | 'audience' | 'locale' | 'sha256'> & { planVersion: number }>(
      this.manager,
      `SELECT id, version, audience, locale, sha256, (view_model #>> '{signOff,planVersion}')::int AS "planVersion" FROM documents
        WHERE case_id = $1 AND kind = 'actionPlan' AND state = 'actionPlan.awaitingFamilySignOff'
        ORDER BY produced_at, version, audience, locale`,
      [caseId],
    );
    return rows;
  }

  /**
   * The action plan documents issued when plan version `planVersion` was sent to the family for
   * sign-off, each with the day it was produced: what a sign-off form offers to choose from.
   */
  async planDocumentsSentForSignOff(caseId: string, planVersion: number): Promise<Array<Pick<DocumentSummary, 'version' | 'audience' | 'locale' | 'sha256' | 'producedAt'>>> {
    const { rows } = await sql<Pick<DocumentSummary, 'version' | 'audience' | 'locale' | 'sha256' | 'producedAt'>>(
      this.manager,
      `SELECT version, audience, locale, sha256, produced_at AS "producedAt" FROM documents
        WHERE case_id = $1 AND kind = 'actionPlan' AND state = 'actionPlan.awaitingFamilySignOff'
          AND view_model #>> '{signOff,planVersion}' = $2::text
        ORDER BY produced_at, version, audience, locale`,
      [caseId, planVersion],
    );
    return rows;
  }

  /** One document, whole; null when there is none with this id. */
  async find(id: string): Promise<DocumentRow | null> {
    const { rows } = await sql<DocumentRow>(this.manager, `SELECT ${SUMMARY}, view_model AS "viewModel", html FROM documents WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }
}

/** The key of a document series: one kind, audience and locale on a case. */
export function documentSeries(d: { kind: string; audience: string; locale: string }): string {
  return `${d.kind}/${d.audience}/${d.locale}`;
}
