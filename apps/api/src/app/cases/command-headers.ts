import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../errors/validation-failed';
import type { CommandOptions } from './cases.service';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const ENTITY_TAG = /^(?:W\/)?"?(\d{1,9})"?$/;

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Reads `Idempotency-Key` (1-255 visible ASCII characters; a retry with the same key gets the
 * stored answer) and `If-Match` (the case version from an ETag: `"7"`, `W/"7"` or `7`; `*` means
 * any version) into the engine's command options. Malformed headers answer 400.
 */
export function parseCommandHeaders(headers: Record<string, string | string[] | undefined>): CommandOptions {
  const problems: FieldProblem[] = [];
  const options: CommandOptions = {};
  const key = single(headers['idempotency-key']);
  if (key !== undefined) {
    if (IDEMPOTENCY_KEY.test(key)) options.idempotencyKey = key;
    else problems.push({ field: 'Idempotency-Key', problems: ['Idempotency-Key must be 1 to 255 visible ASCII characters without spaces, e.g. a UUID'] });
  }
  const ifMatch = single(headers['if-match'])?.trim();
  if (ifMatch !== undefined && ifMatch !== '*') {
    const match = ENTITY_TAG.exec(ifMatch);
    if (match?.[1] !== undefined) options.expectedVersion = Number(match[1]);
    else problems.push({ field: 'If-Match', problems: ['If-Match must be the case version as given in its ETag, e.g. "7"'] });
  }
  if (problems.length > 0) throw new ValidationFailed(problems);
  return options;
}

export const CommandHeaders = createParamDecorator((_data: unknown, ctx: ExecutionContext): CommandOptions =>
  parseCommandHeaders(ctx.switchToHttp().getRequest<FastifyRequest>().headers),
);
