import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiForbiddenResponse,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '@tacu/domain';
import { CurrentActor, RequirePermission } from '../auth/auth.decorators';
import { RequestId } from '../core/request-id.decorator';
import { CaseDocumentsResponse, DocumentFormatQueryDto } from './documents.dto';
import { DocumentsService } from './documents.service';

const CASE_ID = ApiParam({ name: 'id', description: 'The case id.', schema: { type: 'string', format: 'uuid', maxLength: 36 }, example: '3f1c2a4e-8b7d-4c1a-9e2f-5d6b7a8c9e0f' });
const DOCUMENT_ID = ApiParam({ name: 'id', description: 'The document id (from GET /cases/{id}/documents).', schema: { type: 'string', format: 'uuid', maxLength: 36 }, example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' });

/**
 * A stored document is served as it was issued, with nothing that could run: its own inline
 * styles only, no scripts, no fetches, not framed by another site.
 */
export const DOCUMENT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Whether the caller asked for the PDF: `?format=pdf`, or `Accept: application/pdf` without `text/html`. */
export function wantsPdf(format: string | undefined, accept: string | undefined): boolean {
  if (format !== undefined) return format === 'pdf';
  const accepted = (accept ?? '').toLowerCase();
  return accepted.includes('application/pdf') && !accepted.includes('text/html');
}

/** The stage documents of a case, as issued (libs/engine stores them in the transition's transaction). */
@ApiTags('documents')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ description: 'No valid bearer token (problem+json).' })
@ApiForbiddenResponse({ description: 'Your role may not do this (problem+json).' })
@Controller()
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('cases/:id/documents')
  @RequirePermission('cases:read')
  @ApiOperation({ summary: "The case's documents you may read, oldest first: kind, audience, language, version, SHA-256, when and by whom produced." })
  @CASE_ID
  @ApiOkResponse({ type: CaseDocumentsResponse })
  @ApiNotFoundResponse({ description: 'No such case, or not one you may see.' })
  list(@CurrentActor() actor: Actor, @Param('id') id: string, @RequestId() requestId: string | null): Promise<CaseDocumentsResponse> {
    return this.documents.list(actor, id, requestId);
  }

  @Get('documents/:id')
  @RequirePermission('cases:read')
  @ApiOperation({ summary: 'One document as issued: HTML, or the PDF printed from it with ?format=pdf or Accept: application/pdf. ETag is its SHA-256.' })
  @DOCUMENT_ID
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ description: 'The document (text/html), or its PDF (application/pdf).', schema: { type: 'string', maxLength: 50000000 } })
  @ApiNotFoundResponse({ description: 'No such document, or not one you may read.' })
  @ApiServiceUnavailableResponse({ description: 'PDF asked for, and no browser is installed here (the answer says how to install one) or every page is busy.' })
  async read(
    @CurrentActor() actor: Actor,
    @Param('id') id: string,
    @Query() query: DocumentFormatQueryDto,
    @Headers('accept') accept: string | undefined,
    @RequestId() requestId: string | null,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    const document = await this.documents.read(actor, id, requestId);
    void reply.header('etag', `"${document.sha256}"`).header('cache-control', 'private, no-store').header('vary', 'Accept');
    if (wantsPdf(query.format, accept)) {
      const pdf = await this.documents.pdfOf(document);
      void reply.type('application/pdf').header('content-disposition', `inline; filename="${document.kind}-v${document.version}-${document.audience}-${document.locale}.pdf"`);
      return pdf;
    }
    void reply.type('text/html; charset=utf-8').header('content-security-policy', DOCUMENT_CSP);
    return document.html;
  }
}
