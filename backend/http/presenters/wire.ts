import { z } from 'zod';

/**
 * What the presenters' schemas are made of. A presenter returns what its schema's output type says;
 * the OpenAPI document (../openapi/document.ts) shows the JSON that Express sends of it.
 */

/** An instant the presenter returns as a Date: JSON sends it as ISO 8601 in UTC (`2027-03-15T15:00:00.000Z`). */
export const instant = z.date();

/** An instant the presenter has already written as ISO 8601 in UTC. */
export const isoInstant = z.iso.datetime();

/** An instant in the viewer's zone, with that day's offset (`2027-03-15T16:00:00.000+01:00`). */
export const localInstant = z.iso.datetime({ offset: true });

/** A database id (a UUID). */
export const id = z.guid();

/** Any JSON value the API stores and shows as given (audit details, incident counts). */
export const json = z.unknown();

/** `nextCursor` of a list: the cursor of the next page, null on the last. */
export const nextCursor = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' });
