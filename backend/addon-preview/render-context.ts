/**
 * What rendering a card collects besides its HTML: the actions its buttons run (a posted form
 * names one by its index here, never by function name), the input fields and how to read them
 * back, the widgets and properties the sandbox does not render, and links the manifest does not allow.
 */
import type { Recorded } from './card-service.js';

/** A button's action as the card recorded it: the function and its parameters stay on the server. */
export interface CardAction {
  readonly functionName: string;
  readonly parameters: Readonly<Record<string, string>>;
}

/** How a posted field becomes Google's formInputs entry. */
export type FieldKind = 'string' | 'dateTime' | 'date' | 'time';

/** Google's documented limits (card.proto, https://developers.google.com/workspace/add-ons/concepts/cards). */
export const LIMITS = { sections: 100, widgetsPerSection: 100, selectionItems: 100 } as const;

/** A card Google would refuse: the sidebar shows why instead of a card. */
export class CardRefused extends Error {}

export class RenderContext {
  readonly actions: CardAction[] = [];
  readonly fields: Record<string, { kind: FieldKind; zoneOffsetMinutes?: number }> = {};
  readonly unsupported: string[] = [];
  private nextIcon = 0;

  constructor(
    /** Link prefixes the manifest allows (`openLinkUrlPrefixes`). */
    private readonly linkPrefixes: readonly string[],
    /** The user's zone offset now, in minutes, for date-time pickers without their own. */
    readonly userOffsetMinutes: number,
  ) {}

  /** Registers an action; its index is what the button posts. */
  action(record: unknown): number {
    const action = record as Recorded;
    this.check(action, ['functionName', 'parameters', 'loadIndicator']);
    this.actions.push({ functionName: String(action.functionName), parameters: (action.parameters as Record<string, string>) ?? {} });
    return this.actions.length - 1;
  }

  field(name: unknown, kind: FieldKind, zoneOffsetMinutes?: number): string {
    if (typeof name !== 'string' || !name) throw new CardRefused('An input has no field name (setFieldName)');
    this.fields[name] = { kind, zoneOffsetMinutes };
    return `field:${name}`;
  }

  /** An open link's URL, when the manifest allows it (Google opens no other). */
  link(record: unknown): string | undefined {
    const link = record as Recorded;
    this.check(link, ['url', 'openAs', 'onClose']);
    const url = String(link.url);
    if (this.linkPrefixes.some((prefix) => url.startsWith(prefix))) return url;
    this.unsupported.push(`A link outside the manifest's openLinkUrlPrefixes: ${url}`);
    return undefined;
  }

  /** Reports every property of `record` the renderer does not draw. */
  check(record: Recorded, known: readonly string[]): void {
    for (const key of Object.keys(record)) {
      if (key !== 'kind' && !known.includes(key)) this.unsupported.push(`${record.kind}.${key}`);
    }
  }

  /** Reports a widget the renderer does not draw; the sidebar shows the same words. */
  notSupported(what: string): string {
    this.unsupported.push(what);
    return `Not supported in the sandbox: ${what}`;
  }

  /** A unique id for the page (labels, hints). */
  id(prefix: string): string {
    return `${prefix}-${this.nextIcon++}`;
  }
}
