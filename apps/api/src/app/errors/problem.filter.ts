/**
 * Every error leaves the API as `application/problem+json` ({type, title, status, detail, code,
 * ...details}). Domain errors map by code in one exhaustive switch; anything unknown is logged
 * (with its stack, in the log only) and answered 500 without internals.
 */
import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, ServiceUnavailableException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, DomainErrorCode } from '@tacu/domain';
import { INPUT_LIMITS } from '../input/input-limits';
import { PROBLEM_CONTENT_TYPE, problemType, type Problem } from './problem';
import { ValidationFailed } from './validation-failed';

export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}

interface Mapped {
  status: number;
  title: string;
}

export function domainErrorStatus(code: DomainErrorCode): Mapped {
  switch (code) {
    case DomainErrorCode.CASE_NOT_FOUND:
      return { status: HttpStatus.NOT_FOUND, title: 'Case not found' };
    case DomainErrorCode.EVENT_NOT_ALLOWED:
      return { status: HttpStatus.CONFLICT, title: 'Event not allowed now' };
    case DomainErrorCode.VERSION_CONFLICT:
      return { status: HttpStatus.CONFLICT, title: 'The case has changed since you read it' };
    case DomainErrorCode.GUARD_FAILED:
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'A rule of the practice model is not met' };
    case DomainErrorCode.ROLE_NOT_PERMITTED:
      return { status: HttpStatus.FORBIDDEN, title: 'Your role may not do this now' };
    case DomainErrorCode.IDEMPOTENCY_KEY_REUSED:
      return { status: HttpStatus.UNPROCESSABLE_ENTITY, title: 'Idempotency key already used for another request' };
    case DomainErrorCode.UNKNOWN_WORKFLOW:
      return { status: HttpStatus.BAD_REQUEST, title: 'Unknown workflow' };
    case DomainErrorCode.INVALID_INPUT:
      return { status: HttpStatus.BAD_REQUEST, title: 'Invalid input' };
    default:
      return assertUnreachable(code);
  }
}

const HTTP_CODES: Record<number, { code: string; title: string }> = {
  400: { code: 'BAD_REQUEST', title: 'Bad request' },
  401: { code: 'UNAUTHENTICATED', title: 'Authentication required' },
  403: { code: 'FORBIDDEN', title: 'Forbidden' },
  404: { code: 'NOT_FOUND', title: 'Not found' },
  405: { code: 'METHOD_NOT_ALLOWED', title: 'Method not allowed' },
  406: { code: 'NOT_ACCEPTABLE', title: 'Not acceptable' },
  409: { code: 'CONFLICT', title: 'Conflict' },
  413: { code: 'PAYLOAD_TOO_LARGE', title: 'Request body too large' },
  414: { code: 'URI_TOO_LONG', title: 'URL too long' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', title: 'Unsupported media type' },
  422: { code: 'UNPROCESSABLE_ENTITY', title: 'Unprocessable request' },
  429: { code: 'TOO_MANY_REQUESTS', title: 'Too many requests' },
  503: { code: 'SERVICE_UNAVAILABLE', title: 'Service unavailable' },
};

function httpProblem(status: number, detail: string, extra: Record<string, unknown> = {}): Problem {
  const known = HTTP_CODES[status] ?? { code: status >= 500 ? 'INTERNAL' : 'BAD_REQUEST', title: status >= 500 ? 'Internal error' : 'Bad request' };
  return { ...extra, type: problemType(known.code), title: known.title, status, detail, code: known.code };
}

function messageOf(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

/** Errors raised by Fastify itself (body parsing, content type, size) carry a statusCode and a code. */
function isFastifyError(error: unknown): error is Error & { statusCode: number; code: string } {
  return error instanceof Error && typeof (error as { statusCode?: unknown }).statusCode === 'number' && typeof (error as { code?: unknown }).code === 'string';
}

export function toProblem(exception: unknown): { problem: Problem; unexpected: boolean } {
  if (exception instanceof DomainError) {
    const { status, title } = domainErrorStatus(exception.code);
    return {
      problem: { ...exception.details, type: problemType(exception.code), title, status, detail: exception.message, code: exception.code },
      unexpected: false,
    };
  }
  if (exception instanceof ValidationFailed) {
    // The answer stays small however many problems the input has: the first ones and a count.
    const listed = exception.errors.slice(0, INPUT_LIMITS.reportedProblems);
    const more = exception.errors.length - listed.length;
    return {
      problem: {
        type: problemType('VALIDATION_FAILED'),
        title: 'Invalid request',
        status: HttpStatus.BAD_REQUEST,
        detail: more > 0 ? `${exception.message} The first ${listed.length} of ${exception.errors.length} are listed.` : exception.message,
        code: 'VALIDATION_FAILED',
        errors: listed,
        ...(more > 0 ? { errorCount: exception.errors.length } : {}),
      },
      unexpected: false,
    };
  }
  if (exception instanceof ServiceUnavailableException) {
    // Thrown on purpose, saying what is missing and how to fix it (no browser for PDFs): not a fault to hide.
    return { problem: httpProblem(503, messageOf(exception)), unexpected: false };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    return { problem: httpProblem(status, status >= 500 ? 'The service could not answer; try again later.' : messageOf(exception)), unexpected: status >= 500 };
  }
  if (isFastifyError(exception) && exception.statusCode >= 400 && exception.statusCode < 500) {
    return { problem: httpProblem(exception.statusCode, exception.message), unexpected: false };
  }
  return { problem: httpProblem(500, 'Something went wrong on our side. It has been logged; try again, and tell the service desk the request id if it persists.'), unexpected: true };
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const { problem, unexpected } = toProblem(exception);
    if (unexpected) {
      const error = exception instanceof Error ? exception : new Error(String(exception));
      this.logger.error({ err: { type: error.name, message: error.message, stack: error.stack }, requestId: request.id }, 'Unexpected error');
    }
    problem['requestId'] = request.id;
    if (problem.status === 401) void reply.header('www-authenticate', 'Bearer realm="tacu"');
    void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
  }
}
