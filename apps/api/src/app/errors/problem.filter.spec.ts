import { BadRequestException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { DomainError, DomainErrorCode } from '@tacu/domain';
import { domainErrorStatus, toProblem } from './problem.filter';
import { TooManyRequests } from '../rate-limit/rate-limiter';
import { ValidationFailed } from './validation-failed';

describe('problem details', () => {
  it('maps every domain error code to its status', () => {
    const statuses = Object.fromEntries(Object.values(DomainErrorCode).map((code) => [code, domainErrorStatus(code).status]));
    expect(statuses).toEqual({
      CASE_NOT_FOUND: 404,
      EVENT_NOT_ALLOWED: 409,
      VERSION_CONFLICT: 409,
      GUARD_FAILED: 422,
      ROLE_NOT_PERMITTED: 403,
      IDEMPOTENCY_KEY_REUSED: 422,
      UNKNOWN_WORKFLOW: 400,
      INVALID_INPUT: 400,
    });
  });

  it('carries the details of a domain error, without letting them overwrite the problem fields', () => {
    const { problem } = toProblem(new DomainError(DomainErrorCode.EVENT_NOT_ALLOWED, 'CLOSE_CASE is not accepted now.', { allowedEvents: ['RAISE_CONCERN'], status: 200 }));
    expect(problem).toEqual({
      type: 'urn:tacu:problem:event-not-allowed',
      title: 'Event not allowed now',
      status: 409,
      detail: 'CLOSE_CASE is not accepted now.',
      code: 'EVENT_NOT_ALLOWED',
      allowedEvents: ['RAISE_CONCERN'],
    });
  });

  it('lists every invalid field of a validation failure', () => {
    const { problem } = toProblem(new ValidationFailed([{ field: 'limit', problems: ['limit must be a whole number from 1 to 100'] }]));
    expect(problem).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', errors: [{ field: 'limit', problems: ['limit must be a whole number from 1 to 100'] }] });
  });

  it('lists the first 20 invalid fields and counts them all, so the answer stays small', () => {
    const errors = Array.from({ length: 80_000 }, (_, i) => ({ field: `k${i}`, problems: [`property k${i} should not exist`] }));
    const { problem } = toProblem(new ValidationFailed(errors));
    expect(problem).toMatchObject({ status: 400, errorCount: 80_000, detail: 'The request has invalid fields; see errors for each field and why. The first 20 of 80000 are listed.' });
    expect(problem['errors']).toEqual(errors.slice(0, 20));
    expect(JSON.stringify(problem).length).toBeLessThan(2000);
    expect(toProblem(new ValidationFailed(errors.slice(0, 20))).problem).not.toHaveProperty('errorCount');
  });

  it('keeps the message of HTTP errors', () => {
    expect(toProblem(new NotFoundException('Cannot GET /x')).problem).toMatchObject({ status: 404, code: 'NOT_FOUND', detail: 'Cannot GET /x' });
    expect(toProblem(new BadRequestException(['a is wrong', 'b is wrong'])).problem).toMatchObject({ status: 400, detail: 'a is wrong; b is wrong' });
    expect(toProblem(new PayloadTooLargeException()).problem).toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    expect(toProblem(new TooManyRequests('Too many requests from you; try again in 5 seconds (Retry-After).')).problem).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
  });

  it('answers anything unexpected with a 500 that says nothing of the internals', () => {
    const error = new Error('relation "cases" does not exist');
    const { problem, unexpected } = toProblem(error);
    expect(unexpected).toBe(true);
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL' });
    expect(JSON.stringify(problem)).not.toContain('relation');
    expect(problem).not.toHaveProperty('stack');
  });
});
