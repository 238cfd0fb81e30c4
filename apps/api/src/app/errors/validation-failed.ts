import type { ValidationError } from 'class-validator';

/** One invalid field and every reason it is invalid, in words a person can act on. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/** Thrown for input that breaks a DTO's rules (body, query or header): answered 400 with every field. */
export class ValidationFailed extends Error {
  constructor(
    readonly errors: FieldProblem[],
    message = 'The request has invalid fields; see errors for each field and why.',
  ) {
    super(message);
    this.name = 'ValidationFailed';
  }
}

/**
 * class-validator's nested errors as a flat list, fields written as dotted paths
 * (`members.0.dateOfBirth`, the same as the event DTOs'). When a field itself is wrong only that
 * is reported, not the problems of what is inside it.
 */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraints = { ...(error.constraints ?? {}) };
    const own = Object.keys(constraints).filter((name) => name !== 'nestedValidation');
    if (own.length > 0) delete constraints['nestedValidation'];
    const problems = Object.values(constraints);
    if (problems.length > 0) out.push({ field, problems });
    if (own.length === 0 && error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}
