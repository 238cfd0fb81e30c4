/**
 * A case's stored documents: the list, one document as stored (HTML), and its PDF printed from
 * that HTML. The same need to know as the case (libs/auth `canReadDocument`): a document of a case
 * you may not see, or one you may not read within it, is answered 404 like one that does not
 * exist. Every read is recorded with the case's other reads.
 */
import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { canReadDocument } from '@tacu/auth';
import { DomainError, DomainErrorCode, type Actor } from '@tacu/domain';
import { PdfBusyError, PdfUnavailableError, type PdfRenderer } from '@tacu/documents';
import { DocumentStore, isUuid, type DocumentRow } from '@tacu/persistence';
import { CasesService } from '../cases/cases.service';
import { DATA_SOURCE, PDF_RENDERER } from '../core/tokens';
import { caseReferenceOf } from './case-document-source';
import { toDocumentSummaryResponse, type CaseDocumentsResponse } from './documents.dto';

const NOT_FOUND = 'There is no document with this id that you can see.';

/** The characters Handlebars escapes, back to themselves (the PDF layout escapes the title again). */
const ESCAPED: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'", '&#x60;': '`', '&#x3D;': '=' };

/** The document's own title, in its own language (its `<title>`), for the PDF header; the kind when it has none. */
export function titleOf(document: Pick<DocumentRow, 'html' | 'kind'>): string {
  const title = /<title>([^<]*)<\/title>/.exec(document.html)?.[1];
  return title ? title.replace(/&(amp|lt|gt|quot|#x27|#x60|#x3D);/g, (entity) => ESCAPED[entity] ?? entity) : document.kind;
}

@Injectable()
export class DocumentsService {
  constructor(
    @Inject(DATA_SOURCE) private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    @Inject(PDF_RENDERER) private readonly pdf: PdfRenderer,
  ) {}

  /** The documents of a case the caller may read, oldest first; 404 for a case they may not see. */
  async list(actor: Actor, caseId: string, requestId: string | null): Promise<CaseDocumentsResponse> {
    const manager = this.dataSource.manager;
    const { role, scope } = await this.cases.readableCase(manager, actor, caseId);
    await this.cases.recordRead(actor, caseId, 'documents', requestId);
    const documents = await new DocumentStore(manager).listForCase(caseId);
    return { caseId, items: documents.filter((d) => canReadDocument(role, d.kind, scope)).map(toDocumentSummaryResponse) };
  }

  /** One document as stored, if the caller may read it (404 otherwise); the read is recorded. */
  async read(actor: Actor, documentId: string, requestId: string | null): Promise<DocumentRow> {
    if (!isUuid(documentId)) throw new NotFoundException(NOT_FOUND);
    const manager = this.dataSource.manager;
    const document = await new DocumentStore(manager).find(documentId);
    if (!document) throw new NotFoundException(NOT_FOUND);
    const access = await this.cases.readableCase(manager, actor, document.caseId).catch((error: unknown) => {
      if (error instanceof DomainError && error.code === DomainErrorCode.CASE_NOT_FOUND) return null;
      throw error;
    });
    if (!access || !canReadDocument(access.role, document.kind, access.scope)) throw new NotFoundException(NOT_FOUND);
    await this.cases.recordRead(actor, document.caseId, 'document', requestId, document.id);
    return document;
  }

  /**
   * The PDF of a stored document: its HTML printed as it is (A4, the case reference and page
   * numbers on every page). 503 when no browser is installed (saying how to install one) or every
   * page stayed busy.
   */
  async pdfOf(document: DocumentRow): Promise<Buffer> {
    try {
      return await this.pdf.render({
        html: document.html,
        caseReference: caseReferenceOf(document.caseId),
        title: titleOf(document),
        // The issue of the document, in the document's language: a plan's body names the plan's version, another number.
        issue: document.version,
        locale: document.locale === 'ga' ? 'ga' : 'en',
      });
    } catch (error) {
      if (error instanceof PdfUnavailableError || error instanceof PdfBusyError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}
