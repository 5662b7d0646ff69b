/**
 * The user API's JSON as the add-on reads it: names for the types generated from the OpenAPI document
 * (`backend-contract.generated.ts`, written by `npm run openapi:generate` and checked by `npm run check`),
 * so the add-on and the user API cannot disagree.
 */
import type { components, paths } from './backend-contract.generated.js';

type Schemas = components['schemas'];

export type Me = Schemas['Me'];
export type Session = Schemas['Session'];
export type Slots = Schemas['Slots'];
export type Slot = Slots['slots'][number];
export type Matching = Me['matchings'][number];
/** The organization's method, and for the per-user method the user's own connection. */
export type CalendarConnection = Me['calendarConnection'];
export type PersonRef = NonNullable<Session['match']>;
export type ResponseStatus = NonNullable<Session['matchResponseStatus']>;
/** Something about a session the user should act on (a decline, a conflict after a move in Google Calendar). */
export type SessionAttention = NonNullable<Session['attention']>;

type Json<Content> = Content extends { readonly content: { readonly 'application/json': infer Body } } ? Body : never;
type Operation<Path extends keyof paths, Method extends 'get' | 'post' | 'delete'> = NonNullable<paths[Path][Method]>;

/** The JSON of an operation's success answer. */
export type AnswerOf<Path extends keyof paths, Method extends 'get' | 'post' | 'delete'> =
  Operation<Path, Method> extends { readonly responses: infer Responses }
    ? Json<Responses extends { readonly 200: infer Ok } ? Ok : Responses extends { readonly 201: infer Created } ? Created : never>
    : never;

/** The JSON body an operation takes. */
export type BodyOf<Path extends keyof paths, Method extends 'post'> = Json<NonNullable<Operation<Path, Method>['requestBody']>>;
