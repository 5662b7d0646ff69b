/**
 * A recording fake of Apps Script's CardService (no Google library offers one; see
 * ../shared/reference/addon.md §3). `newX()` returns a builder; `setY(v)` records `{y: v}`, `addZ(v)`
 * appends to `zs`, navigation calls append to `operations`, `build()` returns the record as plain
 * data, enum members read as 'Enum.MEMBER'. It checks what Apps Script would reject at once: a card
 * without sections, action parameters that are not strings, a function name that is not a string.
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
        const value = args[0];
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

/** A CardService: `newCardBuilder()` → a 'Card' builder, `newTextButton()` → 'TextButton', … */
export function createCardService(): GoogleAppsScript.Card_Service.CardService {
  const enums = Object.fromEntries(ENUMS.map((name) => [name, new Proxy({}, { get: (_t, member) => `${name}.${String(member)}` })]));
  return new Proxy(enums, {
    get(target, property) {
      if (typeof property === 'string' && property in target) return target[property];
      if (typeof property === 'string' && property.startsWith('new')) return () => builder(property.slice(3).replace(/Builder$/, ''));
      return undefined;
    },
  }) as unknown as GoogleAppsScript.Card_Service.CardService;
}

/** Puts a fresh fake on globalThis, where addon/src reads `CardService`. */
export function installCardService(): void {
  (globalThis as { CardService?: unknown }).CardService = createCardService();
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

/** A button's (or clickable line's) action as recorded. */
export interface RecordedAction {
  functionName: string;
  parameters: Record<string, string>;
}

/** Buttons of a card (or response), with the label they show and what they do. */
export function buttonsOf(root: unknown): Array<{ text: string; action?: RecordedAction; url?: string }> {
  return allRecords(root)
    .filter((record) => record.kind === 'TextButton')
    .map((record) => ({
      text: String(record.text),
      action: record.onClickAction as RecordedAction | undefined,
      url: (record.openLink as { url?: string } | undefined)?.url,
    }));
}

/** The button labelled `text`; fails listing the labels there are. */
export function buttonOf(root: unknown, text: string): { text: string; action?: RecordedAction; url?: string } {
  const all = buttonsOf(root);
  const found = all.find((candidate) => candidate.text === text);
  if (!found) throw new Error(`no button "${text}"; buttons: ${all.map((candidate) => candidate.text).join(', ')}`);
  return found;
}

/** Every action target in `root` (buttons and clickable lines). */
export function actionsOf(root: unknown): RecordedAction[] {
  return allRecords(root).filter((record) => record.kind === 'Action') as unknown as RecordedAction[];
}

/** All text a card shows, one string, for "shows X" assertions. */
export function textOf(root: unknown): string {
  const texts: string[] = [];
  const visit = (value: unknown, key?: string) => {
    if (typeof value === 'string' && key !== 'kind' && key !== 'functionName') texts.push(value);
    else if (Array.isArray(value)) value.forEach((item) => visit(item));
    else if (typeof value === 'object' && value !== null) {
      for (const [innerKey, inner] of Object.entries(value)) if (innerKey !== 'parameters') visit(inner, innerKey);
    }
  };
  visit(root);
  return texts.join('\n');
}

/** An ActionResponse as recorded: its navigation steps and notification. */
export interface RecordedResponse {
  navigation: { operations: Array<Record<string, Recorded>> };
  notification?: { text: string };
}

/** What the user sees after an action: the last card its navigation pushes or updates. */
export function shownCard(response: RecordedResponse): Recorded {
  const cards = response.navigation.operations.map((operation) => operation.pushCard ?? operation.updateCard).filter(Boolean);
  const card = cards[cards.length - 1];
  if (!card) throw new Error(`the response shows no card: ${JSON.stringify(response.navigation)}`);
  return card;
}

export const titleOf = (card: unknown): string => ((card as Recorded).header as { title: string }).title;
