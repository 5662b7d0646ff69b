/**
 * The fuzz suite's hostile values: strings, wrong types, prototype-pollution keys, deep nesting, and
 * bad query values and path ids by kind. Each is wrong by construction where the route's own schema
 * cannot tell (cursors, time ranges, durations); body mutations are checked against the schema instead.
 */
import fc from 'fast-check';

/** Strings that break parsers, encoders and databases: NUL, lone surrogates, bidi marks, emoji, SQL and path syntax, template syntax, huge. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '',
      ' ',
      '\u0000',
      'a\u0000b',
      '\uD800',
      '\uDFFFx',
      '\u202Eevil',
      '\uFEFF',
      '💥'.repeat(60),
      'ǅ̸̡̛',
      '\'; DROP TABLE "Person"; --',
      '../../etc/passwd',
      '%00',
      '%E0%A4%A',
      '${7*7}{{7*7}}',
      '<script>alert(1)</script>',
      'null',
      'undefined',
      '1e400',
      '-0',
      'NaN',
      'Infinity',
      '__proto__',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom(1_000, 10_000, 120_000).map((n) => 'x'.repeat(n)) },
);

/** An object whose own keys are the names that pollute prototypes when merged carelessly (JSON.parse makes them own properties). */
export const pollutingObject: fc.Arbitrary<unknown> = fc.constantFrom(
  JSON.parse('{"__proto__": {"isAdmin": true, "organizationId": "00000000-0000-4000-8000-000000000000"}}'),
  JSON.parse('{"constructor": {"prototype": {"polluted": true}}}'),
  JSON.parse('{"__proto__": null}'),
);

/** `[[[…]]]` or `{"a":{"a":…}}` between 8 and 40 levels: past the 16 the edge allows, and just under it. */
export const deepValue: fc.Arbitrary<unknown> = fc.tuple(fc.integer({ min: 8, max: 40 }), fc.boolean()).map(([levels, arrays]) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < levels; i++) value = arrays ? [value] : { a: value };
  return value;
});

/** A value of the wrong type or range for whatever field it lands in. */
export const wrongValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MAX_SAFE_INTEGER + 2),
  fc.integer(),
  fc.double(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 5 }),
  fc.constantFrom(Array.from({ length: 1_200 }, () => 0)),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 4 }),
  pollutingObject,
  deepValue,
);

/** Keys no body accepts, the prototype's among them. */
export const strangeKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '', ' ', 'rows ', 'Name'),
  fc.string({ maxLength: 12 }),
);

/** `object` with `key` set as an own, enumerable property (also for `__proto__`, which a spread or an assignment would not make). */
export function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** A valid body with one thing wrong: a field's value, a field missing, an extra key, or the whole body wrapped or replaced. */
export function mutatedObject(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.keys(valid);
  const field = fields.length > 0 ? fc.constantFrom(...fields) : strangeKey;
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(field, wrongValue).map(([name, value]) => withKey(valid, name, value)) },
    { weight: 1, arbitrary: field.map((name) => Object.fromEntries(Object.entries(valid).filter(([key]) => key !== name))) },
    { weight: 2, arbitrary: fc.tuple(strangeKey, wrongValue).map(([name, value]) => withKey(valid, name, value)) },
    {
      weight: 1,
      arbitrary: fc.constantFrom<unknown>(
        [valid],
        { body: valid },
        JSON.parse(JSON.stringify(valid).replace(/"(\w)/, '"__proto__":{},"$1')),
      ),
    },
  );
}

/** Any JSON at all, as a body. */
export const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 4 });

/** Percent-encodes any string, lone surrogates too (as UTF-8 makes them: U+FFFD), where encodeURIComponent would throw. */
export const percentEncode = (text: string): string =>
  [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');

const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

/** Cursors we never issued: garbage, other JSON, and near misses of ours (`[createdAt, id]`) the database would choke on. */
export const foreignCursor: fc.Arbitrary<string> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 60 }),
  fc.jsonValue({ maxDepth: 2 }).map((value) => base64url(JSON.stringify(value))),
  fc
    .constantFrom(
      ['2026-02-30T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'],
      ['1969-12-31T23:59:59.999Z', '00000000-0000-4000-8000-000000000000'],
      ['2026-01-01T00:00:00.000Z', '00000000-0000-4000-8000-00000000000G'],
      ['2026-01-01T00:00:00.000Z', 'AAAAAAAA-0000-4000-8000-000000000000'],
      ['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000'],
      ['2026-01-01T00:00:00Z', '00000000-0000-4000-8000-000000000000'],
      ['2026-01-01T00:00:00.000Z', "x' OR '1'='1"],
    )
    .map((pair) => base64url(JSON.stringify(pair))),
  fc.constantFrom('%', '%ZZ', '====', 'null', 'W10', 'e30'),
);

/** Values no query parameter takes (checked against each route's schema before sending). */
export const badQueryValue: fc.Arbitrary<string> = fc.oneof(
  hostileString.filter((text) => text.length < 3_000),
  fc.constantFrom(
    '-1',
    '0',
    '201',
    '1e309',
    '0x10',
    '1.5',
    ' 5',
    '5 ',
    '',
    'true',
    'null',
    '[]',
    '2026-13-45T00:00:00Z',
    '2026-01-01',
    'yesterday',
    '+01:00',
    'Mars/Olympus_Mons',
    'Etc/GMT+99',
    'europe/madrid/x',
  ),
  fc.integer().map(String),
);

/** A raw `key=value` for a query, sometimes deliberately mis-encoded or repeated. */
export const rawQueryPair = (key: string, value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: value.map((v) => `${key}=${percentEncode(v)}`) },
    { weight: 1, arbitrary: fc.tuple(value, value).map(([a, b]) => `${key}=${percentEncode(a)}&${key}=${percentEncode(b)}`) },
    { weight: 1, arbitrary: value.map((v) => `${key}[]=${percentEncode(v)}`) },
    { weight: 1, arbitrary: fc.constantFrom(`${key}=%E0%A4%A`, `${key}=%`, `${key}=%00`, `${key}`) },
  );

/** Path segments that name nothing of this organization's: unknown UUIDs, not UUIDs at all, mis-encoded, traversal. */
export const badPathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.uuid().map((id) => id),
  hostileString.filter((text) => text.length > 0 && text.length < 2_000).map(percentEncode),
  fc.constantFrom(
    '%E0%A4%A',
    '%',
    '%00',
    '..',
    '%2E%2E',
    '%2F',
    'null',
    'undefined',
    '0',
    '-1',
    '00000000-0000-0000-0000-000000000000',
    '00000000-0000-4000-8000-00000000000',
    '{id}',
    ':matchingId',
  ),
);
