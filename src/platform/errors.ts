// The closed set of errors every verb may throw. Transports map them once
// (src/http/error-handler.ts); nothing else decides status codes.

export type ErrorCode =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'conflict'
  | 'limit_exceeded'
  | 'unavailable'
  | 'unauthenticated';

export interface ErrorDetail {
  path: string;
  message: string;
}

export abstract class AccordError extends Error {
  abstract readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /**
   * The refusal itself was recorded (a held request) and must be kept: transports that wrap a
   * request in a transaction commit it despite the error (http/idempotency.ts).
   */
  recorded = false;

  constructor(message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export class NotFoundError extends AccordError {
  readonly code = 'not_found';
}

export class ForbiddenError extends AccordError {
  readonly code = 'forbidden';
}

export class InvalidInputError extends AccordError {
  readonly code = 'invalid_input';
}

export class ConflictError extends AccordError {
  readonly code = 'conflict';
}

export class LimitExceededError extends AccordError {
  readonly code = 'limit_exceeded';
}

export class UnavailableError extends AccordError {
  readonly code = 'unavailable';
}

export class UnauthenticatedError extends AccordError {
  readonly code = 'unauthenticated';
}

export function isAccordError(error: unknown): error is AccordError {
  return error instanceof AccordError;
}

/** Turns zod issues into field-path details, e.g. `contacts.0.email`. */
export function detailsFromIssues(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
): ErrorDetail[] {
  return issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}
