import type { ValidationError } from 'class-validator';
import { toFieldErrors } from '../cases/events/validation';

/** One invalid field and every reason it is invalid, in words a person can act on. */
export interface FieldProblem {
  field: string;
  problems: string[];
}

/**
 * Thrown for input that breaks a DTO's rules (body, query or header): answered 400 with every
 * field, each reason once (several rules of one field may give the same words).
 */
export class ValidationFailed extends Error {
  readonly errors: FieldProblem[];

  constructor(errors: FieldProblem[], message = 'The request has invalid fields; see errors for each field and why.') {
    super(message);
    this.name = 'ValidationFailed';
    this.errors = errors.map((e) => ({ field: e.field, problems: [...new Set(e.problems)] }));
  }
}

/**
 * class-validator's nested errors as a flat list, fields written as dotted paths
 * (`members.0.dateOfBirth`): the same flattening the event DTOs use.
 */
export const flattenValidationErrors: (errors: ValidationError[], parent?: string) => FieldProblem[] = toFieldErrors;
