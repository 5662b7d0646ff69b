import { describe, expect, it } from '@jest/globals';
import { exceededJsonLimit } from '../../../backend/http/json-structure.js';

/** Depth and value count of a parsed document, the slow way: what the scan must agree with. */
function measured(value: unknown, depth = 0): { depth: number; values: number } {
  if (value === null || typeof value !== 'object') return { depth, values: 0 };
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = depth + 1;
  let values = children.length;
  for (const child of children) {
    const inner = measured(child, depth + 1);
    deepest = Math.max(deepest, inner.depth);
    values += inner.values;
  }
  return { depth: deepest, values };
}

/** The exact depth and count the scan finds: the smallest limits it lets pass. */
function scanned(text: string): { depth: number; values: number } {
  const bytes = Buffer.from(text);
  let depth = 0;
  while (exceededJsonLimit(bytes, { maxDepth: depth, maxValues: Number.MAX_SAFE_INTEGER })) depth++;
  let values = 0;
  while (exceededJsonLimit(bytes, { maxDepth: Number.MAX_SAFE_INTEGER, maxValues: values })) values++;
  return { depth, values };
}

const DOCUMENTS = [
  '{}',
  '[]',
  '"a string"',
  '42',
  '[1]',
  '[1,2,3]',
  '{"a":1}',
  '{"a":1,"b":[1,2,{"c":null}]}',
  '[[],[[]],{},{"x":{}}]',
  ' [ 1 , 2 ,\n\t[ ] , { } ] ',
  '{"[not,an,array]": "{also: [not, one]}", "esc\\"aped": "\\\\", "q": "\\"[,]\\""}',
  '["ünïcödé, 😀", "\\u005b\\u002c", "tab\\tnew\\nline"]',
  JSON.stringify({
    rows: [
      {
        email: 'a@b.c',
        workingHours: {
          mon: [
            ['09:00', '12:00'],
            ['13:00', '17:00'],
          ],
        },
      },
    ],
  }),
];

describe('exceededJsonLimit', () => {
  it.each(DOCUMENTS)('counts depth and values of %s exactly', (text) => {
    expect(scanned(text)).toEqual(measured(JSON.parse(text)));
  });

  it('names the limit exceeded and its maximum', () => {
    expect(exceededJsonLimit(Buffer.from('[[[1]]]'), { maxDepth: 2, maxValues: 100 })).toEqual({ limit: 'depth', max: 2 });
    expect(exceededJsonLimit(Buffer.from('[1,2,3]'), { maxDepth: 5, maxValues: 2 })).toEqual({ limit: 'values', max: 2 });
    expect(exceededJsonLimit(Buffer.from('[1,2,3]'), { maxDepth: 1, maxValues: 3 })).toBeUndefined();
  });

  it('stops at the first excess of a huge document without reading on', () => {
    const huge = Buffer.from(`[${'[],'.repeat(5_000_000)}`);
    const began = performance.now();
    expect(exceededJsonLimit(huge, { maxDepth: 16, maxValues: 10 })).toEqual({ limit: 'values', max: 10 });
    expect(performance.now() - began).toBeLessThan(50);
  });
});
