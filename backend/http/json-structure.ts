/** How deep and how big a JSON document may be before it is parsed. */
export interface JsonStructureLimits {
  /** Deepest nesting of arrays and objects; the top-level array or object is depth 1. */
  maxDepth: number;
  /** Most values inside arrays and objects, at any depth: every array element and every object member. */
  maxValues: number;
}

/** The first limit a document exceeds. */
export interface JsonStructureExcess {
  limit: 'depth' | 'values';
  max: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const SPACE = 0x20;
const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;

/**
 * Scans raw UTF-8 JSON for nesting depth and number of values without building anything, and
 * returns the first limit it exceeds, or undefined. JSON.parse of 10 MB of `[{},{},…]` builds some
 * 220 MB of objects before anything could look at them; this scan reads the same bytes in ~60 ms
 * and allocates nothing.
 *
 * It is not a validator: only brackets, braces and commas outside strings count (a string ends at
 * the first `"` not escaped by `\`; UTF-8 continuation bytes never equal either). For valid JSON
 * the counts are exact; invalid JSON may count anything, and JSON.parse refuses it next.
 */
export function exceededJsonLimit(bytes: Uint8Array, limits: JsonStructureLimits): JsonStructureExcess | undefined {
  let depth = 0;
  let values = 0;
  let inString = false;
  // Just after `[` or `{`: the next token is the container's first value, unless it closes it.
  let openedContainer = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
      continue;
    }
    if (byte === SPACE || byte === LF || byte === CR || byte === TAB) continue;
    if (openedContainer) {
      openedContainer = false;
      if (byte !== CLOSE_BRACKET && byte !== CLOSE_BRACE) values++;
    }
    switch (byte) {
      case QUOTE:
        inString = true;
        break;
      case OPEN_BRACKET:
      case OPEN_BRACE:
        depth++;
        if (depth > limits.maxDepth) return { limit: 'depth', max: limits.maxDepth };
        openedContainer = true;
        break;
      case CLOSE_BRACKET:
      case CLOSE_BRACE:
        depth--;
        break;
      case COMMA:
        values++;
        break;
    }
    if (values > limits.maxValues) return { limit: 'values', max: limits.maxValues };
  }
  return undefined;
}
