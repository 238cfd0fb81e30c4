/** What the API answers about a case's stored documents (libs/persistence `documents`). */
import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { DocumentSummary } from '@tacu/persistence';

const UUID = { format: 'uuid', maxLength: 36, example: '7c9e6679-7425-40de-944b-e07fc1f90ae7' } as const;

export class DocumentSummaryResponse {
  @ApiProperty({ ...UUID, description: 'The document id: GET /documents/{id} reads it.' }) id!: string;
  @ApiProperty({ description: 'The stage document.', example: 'actionPlan', maxLength: 40 }) kind!: string;
  @ApiProperty({ description: 'Written for practitioners, or in plain language for the family.', enum: ['professional', 'family'] }) audience!: 'professional' | 'family';
  @ApiProperty({ description: 'Language of its fixed wording.', enum: ['en', 'ga'] }) locale!: string;
  @ApiProperty({ description: 'Issue of this kind, audience and locale on the case: 1, then 2 for the next issue; earlier versions never change.', minimum: 1, maximum: 2147483647, format: 'int32', example: 1 })
  version!: number;
  @ApiProperty({ description: 'The state whose entry produced it.', example: 'actionPlan.awaitingFamilySignOff', maxLength: 120 }) state!: string;
  @ApiProperty({ description: 'The case version the transition that produced it left.', minimum: 1, maximum: 2147483647, format: 'int32', example: 14 }) caseVersion!: number;
  @ApiProperty({ description: 'The event that produced it.', example: 'SUBMIT_PLAN_FOR_SIGN_OFF', maxLength: 60 }) eventType!: string;
  @ApiProperty({ description: 'When it was produced (UTC).', format: 'date-time', maxLength: 30 }) producedAt!: string;
  @ApiProperty({ description: 'Who produced it (user id).', example: 'u-lp-0001', maxLength: 200 }) producedBy!: string;
  @ApiProperty({ description: 'SHA-256 of its HTML, lowercase hex: what a sign-off names.', pattern: '^[0-9a-f]{64}$', maxLength: 64 }) sha256!: string;
}

export class CaseDocumentsResponse {
  @ApiProperty({ ...UUID }) caseId!: string;
  @ApiProperty({ type: [DocumentSummaryResponse], maxItems: 10000, description: 'The documents you may read, oldest first.' }) items!: DocumentSummaryResponse[];
}

/** `?format=pdf` asks for the PDF (as `Accept: application/pdf` does). */
export class DocumentFormatQueryDto {
  @ApiProperty({ required: false, enum: ['html', 'pdf'], description: 'html (default) or pdf; `Accept: application/pdf` asks for the PDF too.' })
  @IsOptional()
  @IsIn(['html', 'pdf'], { message: 'format must be html or pdf' })
  format?: 'html' | 'pdf';
}

export function toDocumentSummaryResponse(d: DocumentSummary): DocumentSummaryResponse {
  return {
    id: d.id,
    kind: d.kind,
    audience: d.audience,
    locale: d.locale,
    version: d.version,
    state: d.state,
    caseVersion: d.caseVersion,
    eventType: d.eventType,
    producedAt: new Date(d.producedAt).toISOString(),
    producedBy: d.producedBy,
    sha256: d.sha256,
  };
}
