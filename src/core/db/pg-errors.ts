/** PostgreSQL error codes we turn into answers for people (both engines report the same codes). */
const codeOf = (error: unknown) => (typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined);
const constraintOf = (error: unknown) => (typeof error === 'object' && error !== null ? (error as { constraint?: unknown }).constraint : undefined);

/** A UNIQUE or PRIMARY KEY violation, optionally of one named constraint. */
export const isUniqueViolation = (error: unknown, constraint?: string) => codeOf(error) === '23505' && (constraint === undefined || constraintOf(error) === constraint);

/** A row is still referenced (delete/update refused by a foreign key). */
export const isForeignKeyViolation = (error: unknown) => codeOf(error) === '23503';

/** A CHECK constraint refused the row. */
export const isCheckViolation = (error: unknown) => codeOf(error) === '23514';
