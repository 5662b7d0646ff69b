/** 8-4-4-4-12 hex digits, in either case: how PostgreSQL's uuid type reads one. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * True for text the database reads as a UUID. An id in a path that is not one cannot exist, so
 * callers answer it like any unknown id instead of sending the database a query it refuses.
 */
export const isUuid = (value: string): boolean => UUID.test(value);

/** True for a UUID exactly as the database writes it (lower case): the only ids our cursors carry. */
export const isLowerCaseUuid = (value: string): boolean => UUID.test(value) && value === value.toLowerCase();
