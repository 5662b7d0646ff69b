/**
 * A recording CardService: Apps Script's card builders as plain data (no Google library offers one;
 * see ../shared/reference/addon.md §3). The add-on preview runs the built bundle with it and renders
 * the records (render-card.tsx); the add-on's tests run addon/src against it. `newX()` returns a
 * builder; `setY(v)` records `{y: v}`, `addZ(v)` appends to `zs` (a call with several arguments, like
 * SelectionInput's `addItem(text, value, selected)`, records them as an array), navigation calls
 * append to `operations`, `build()` returns the record, enum members read as 'Enum.MEMBER'. It
 * checks what Apps Script would reject at once: a card without sections, action parameters that are
 * not strings, a function name that is not a string.
 */

/** A recorded builder: its kind (`CardBuilder` → 'Card') and whatever was set or added. */
export type Recorded = { kind: string } & Record<string, unknown>;

const ENUMS = [
  'Icon',
  'TextButtonStyle',
  'ImageStyle',
  'LoadIndicator',
  'OpenAs',
  'OnClose',
  'SelectionInputType',
  'NotificationType',
  'ImageCropType',
  'HorizontalAlignment',
  'GridItemLayout',
  'DisplayStyle',
  'ComposedEmailType',
  'ContentType',
  'BorderType',
  'Visibility',
  'InputType',
];

const recordOf = new WeakMap<object, Recorded>();

/** What a recorded value becomes: builders as their records, arrays and objects as copies. */
function plain(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const recorded = recordOf.get(value);
  if (recorded) return recorded;
  if (Array.isArray(value)) return value.map(plain);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, plain(inner)]));
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

function checkRecorded(record: Recorded, method: string, value: unknown): void {
  if (method === 'setFunctionName' && typeof value !== 'string') throw new TypeError(`setFunctionName(${String(value)}): not a string`);
  if (method === 'setParameters') {
    for (const [key, inner] of Object.entries(value as object)) {
      if (typeof inner !== 'string') throw new TypeError(`Action parameter ${key} is ${typeof inner}; Apps Script only accepts strings`);
    }
  }
  if (method === 'build' && record.kind === 'Card' && !Array.isArray(record.sections)) throw new Error('A card needs at least one section');
}

function builder(kind: string): object {
  const record: Recorded = { kind };
  const proxy: object = new Proxy(record, {
    get(_target, property) {
      if (property === 'toJSON') return () => record;
      if (typeof property !== 'string') return undefined;
      return (...args: unknown[]) => {
        const value = args.length > 1 ? args : args[0];
        checkRecorded(record, property, value);
        if (property === 'build') return record;
        if (property.startsWith('set')) record[lowerFirst(property.slice(3))] = plain(value);
        else if (property.startsWith('add')) {
          const key = `${lowerFirst(property.slice(3))}s`;
          record[key] = [...((record[key] as unknown[] | undefined) ?? []), plain(value)];
        } else {
          record.operations = [...((record.operations as unknown[] | undefined) ?? []), { [property]: plain(value) ?? true }];
        }
        return proxy;
      };
    },
  });
  recordOf.set(proxy, record);
  return proxy;
}

/** A CardService: `newCardBuilder()` → a 'Card' builder, `newTextButton()` → 'TextButton', … (typed by its users: Apps Script's types are not the backend's). */
export function createCardService(): object {
  const enums = Object.fromEntries(ENUMS.map((name) => [name, new Proxy({}, { get: (_t, member) => `${name}.${String(member)}` })]));
  return new Proxy(enums, {
    get(target, property) {
      if (typeof property === 'string' && property in target) return target[property];
      if (typeof property === 'string' && property.startsWith('new')) return () => builder(property.slice(3).replace(/Builder$/, ''));
      return undefined;
    },
  });
}

/** Every recorded object inside `root`, depth first. */
export function allRecords(root: unknown): Recorded[] {
  const found: Recorded[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) {
      if (typeof (value as Recorded).kind === 'string') found.push(value as Recorded);
      Object.values(value).forEach(visit);
    }
  };
  visit(root);
  return found;
}
