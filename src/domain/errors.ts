/**
 * The one error family of Polaris. Every error speaks to a user: what was wrong, where
 * (row, field) and what was expected. The HTTP layer maps them to status codes in one place
 * (`src/server/error-handler.ts`).
 */

export interface ErrorDetail {
  /** Where the problem is: a field path (`enterpriseNumber`), or `row 12 / column "NACE"`. */
  path: string;
  message: string;
  row?: number;
  column?: string;
  value?: string;
}

export class PolarisError extends Error {
  readonly code: string;
  readonly details: ErrorDetail[];
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** Input that does not satisfy a rule (HTTP 400). */
export class ValidationError extends PolarisError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('validation_failed', message, details);
  }
}

/** The thing asked for does not exist (HTTP 404). */
export class NotFoundError extends PolarisError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** Not logged in (HTTP 401). */
export class UnauthenticatedError extends PolarisError {
  constructor(message = 'Authentication required') {
    super('unauthenticated', message);
  }
}

/** Logged in but not allowed (HTTP 403). */
export class ForbiddenError extends PolarisError {
  constructor(message = 'You are not allowed to do this') {
    super('forbidden', message);
  }
}

/** The request conflicts with stored data: a duplicate, an overlapping membership (HTTP 409). */
export class ConflictError extends PolarisError {
  constructor(message: string, details: ErrorDetail[] = []) {
    super('conflict', message, details);
  }
}
