import { WEEKDAYS } from '../../domain/values.js';
import type { Person } from '../../store/generated/prisma/client.js';

/** A Together user. Working hours come back in week order (the database keeps JSON keys in its own order). */
export function presentPerson(person: Person) {
  const hours = (person.workingHours ?? {}) as Record<string, unknown>;
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
