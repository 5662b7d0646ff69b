import { z } from 'zod';
import { WEEKDAYS } from '../../domain/values.js';
import type { Person } from '../../store/generated/prisma/client.js';
import { displayName, email, id, instant, timeZone } from './wire.js';

/** `{mon..sun: [["HH:MM","HH:MM"], …]}`: each day's working intervals, in the person's zone. */
const workingHoursSchema = z.partialRecord(z.enum(WEEKDAYS), z.array(z.tuple([z.string(), z.string()])));

/** A Together user. */
export const personSchema = z
  .strictObject({
    id,
    externalId: z.string().nullable(),
    email,
    displayName,
    timeZone,
    workingHours: workingHoursSchema,
    status: z.enum(['ACTIVE', 'INACTIVE']),
    createdAt: instant,
    updatedAt: instant,
  })
  .meta({ id: 'Person', description: 'A Together user; working hours in week order.' });

/** A Together user. Working hours come back in week order (the database keeps JSON keys in its own order). */
export function presentPerson(person: Person): z.output<typeof personSchema> {
  const hours = (person.workingHours ?? {}) as Record<string, [string, string][]>;
  return {
    id: person.id,
    externalId: person.externalId,
    email: person.email,
    displayName: person.displayName,
    timeZone: person.timeZone,
    workingHours: Object.fromEntries(WEEKDAYS.filter((day) => hours[day] !== undefined).map((day) => [day, hours[day]])),
    status: person.status,
    createdAt: person.createdAt,
    updatedAt: person.updatedAt,
  };
}
