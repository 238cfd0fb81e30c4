/**
 * Puts the boundary check (check-input.ts) where no field can miss it: the JSON body parser checks
 * every JSON body as it is parsed, and a `preValidation` hook checks the query string and the path
 * parameters of every route, and any body another parser produced (a form), before validation and
 * before any handler. A refusal is a 400 problem (VALIDATION_FAILED, or BAD_REQUEST for bytes that
 * are not UTF-8 or not JSON); a body over the size limit a 413.
 */
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ValidationFailed } from '../errors/validation-failed';
import { checkInput } from './check-input';
import { INPUT_LIMITS } from './input-limits';
import { parseJsonBody, wasChecked } from './json-body';

/** Replaces Fastify's JSON parser with `parseJsonBody` (UTF-8, JSON, limits, text rules). */
export function useJsonBodyParser(app: NestFastifyApplication): void {
  app.useBodyParser('application/json', { bodyLimit: INPUT_LIMITS.bodyBytes }, (_request, body, done) => {
    let value: unknown;
    try {
      value = parseJsonBody(body);
    } catch (error) {
      done(error as Error, undefined);
      return;
    }
    done(null, value);
  });
}

/** Checks the query, the path parameters and any body not parsed as JSON, on every route. */
export function checkRequestInput(fastify: FastifyInstance): void {
  fastify.addHook('preValidation', (request, _reply, done) => {
    const problems = [
      ...checkInput(request.params ?? {}),
      ...checkInput(request.query ?? {}),
      ...(request.body === undefined || wasChecked(request.body) ? [] : checkInput(request.body)),
    ];
    done(problems.length > 0 ? new ValidationFailed(problems) : undefined);
  });
}
