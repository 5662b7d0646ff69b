import { z } from 'zod';

/**
 * What the presenters' schemas are made of. A presenter returns what its schema's output type says;
 * the OpenAPI document (../openapi/document.ts) shows the JSON that Express sends of it.
 */

// The leaves carry the document's examples, so every body the reference shows reads like a real one.

/** An instant the presenter returns as a Date: JSON sends it as ISO 8601 in UTC (`2027-03-15T15:00:00.000Z`). */
export const instant = z.date().meta({ examples: [new Date('2027-03-15T15:00:00.000Z')] });

/** An instant the presenter has already written as ISO 8601 in UTC. */
export const isoInstant = z.iso.datetime().meta({ examples: ['2027-03-15T15:00:00.000Z'] });

/** An instant in the viewer's zone, with that day's offset (`2027-03-15T16:00:00.000+01:00`). */
export const localInstant = z.iso.datetime({ offset: true }).meta({ examples: ['2027-03-15T16:00:00.000+01:00'] });

/** What an id looks like. */
export const ID_EXAMPLE = '0b5c1c3e-8f0e-4a5e-9a57-1c2d3e4f5a6b';

/** A database id (a UUID). */
export const id = z.guid().meta({ examples: [ID_EXAMPLE] });

/** A person's primary Google Workspace address. */
export const email = z.string().meta({ examples: ['ana.garcia@acme.test'] });

/** A person's name as their Workspace directory gives it. */
export const displayName = z.string().meta({ examples: ['Ana García'] });

/** An IANA time zone, in its canonical spelling. */
export const timeZone = z.string().meta({ examples: ['Europe/Madrid'] });

/** A Google Workspace domain. */
export const domain = z.string().meta({ examples: ['acme.test'] });

/** Any JSON value the API stores and shows as given (audit details, incident counts). */
export const json = z.unknown();

/** `nextCursor` of a list: the cursor of the next page, null on the last. */
export const nextCursor = z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last page.' });
