/**
 * Puts the boundary check (check-input.ts) where no field can miss it: the JSON body parser checks
 * every JSON body as it is parsed, and a `preValidation` hook checks the query string and the path
 * parameters of every route, and any body another parser produced (a form of the pages, the only
 * place a form is taken), before validation and before any handler. A refusal is a 400 problem (VALIDATION_FAILED, or BAD_REQUEST for bytes that
 * are not UTF-8 or not JSON); a body over the size limit a 413.
 */
import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyInstance } from 'fastify';
import { ValidationFailed, type FieldProblem } from '../errors/validation-failed';
import { checkInput } from './check-input';
import { INPUT_LIMITS } from './input-limits';
import { parseJsonBody, wasChecked } from './json-body';
import { isPageUrl } from '../pages/pages-setup';

/** The media type of an HTML form. */
const FORM_MEDIA_TYPE = 'application/x-www-form-urlencoded';

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

/**
 * A part of the query string that is not percent-encoded UTF-8 (`%ED%A0%80`, a lone surrogate;
 * `%FF`; a `%` alone). Fastify's query parser keeps such a part as it was written, so it is
 * refused here rather than read as literal text.
 */
export function queryEncodingProblem(url: string): FieldProblem | undefined {
  const start = url.indexOf('?');
  if (start === -1) return undefined;
  for (const pair of url.slice(start + 1).split('&')) {
    for (const piece of pair.split('=')) {
      try {
        decodeURIComponent(piece.replace(/\+/g, ' '));
      } catch {
        return {
          field: 'query',
          problems: [`the query string has "${piece.slice(0, 40)}", which is not percent-encoded UTF-8: encode each value as UTF-8, then percent-encode it (encodeURIComponent)`],
        };
      }
    }
  }
  return undefined;
}

/** The media type of a Content-Type header, lower case, without parameters. */
function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/**
 * Checks the query, the path parameters and any body not parsed as JSON, on every route; refuses
 * (415) a body that is not JSON and a compressed body: every body of this API is JSON, sent as is.
 */
export function checkRequestInput(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', (request, _reply, payload, done) => {
    const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity') {
      done(new UnsupportedMediaTypeException(`The body is sent with Content-Encoding "${encoding}": send it uncompressed (application/json, UTF-8).`), payload);
      return;
    }
    done(null, payload);
  });
  fastify.addHook('preValidation', (request, _reply, done) => {
    const type = mediaType(request.headers['content-type']);
    // The pages' forms are sent as forms (HTML can send nothing else); every other body is JSON.
    const accepted = isPageUrl(request.url) ? type === FORM_MEDIA_TYPE : type === 'application/json';
    if (request.body !== undefined && !accepted) {
      done(
        new UnsupportedMediaTypeException(
          isPageUrl(request.url) ? `The body is ${type || 'of no stated type'}: the pages take forms (${FORM_MEDIA_TYPE}).` : `The body is ${type || 'of no stated type'}: send JSON, with "Content-Type: application/json".`,
        ),
      );
      return;
    }
    const encoding = queryEncodingProblem(request.url);
    if (encoding) {
      done(new ValidationFailed([encoding]));
      return;
    }
    const problems = [
      ...checkInput(request.params ?? {}),
      ...checkInput(request.query ?? {}),
      ...(request.body === undefined || wasChecked(request.body) ? [] : checkInput(request.body)),
    ];
    done(problems.length > 0 ? new ValidationFailed(problems) : undefined);
  });
}
