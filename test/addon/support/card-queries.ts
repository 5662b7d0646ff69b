/**
 * Queries over recorded cards for the add-on's tests (the recording CardService itself is production
 * code, the preview's model: backend/addon-preview/card-service.ts).
 */
import { allRecords, createCardService, type Recorded } from '../../../backend/addon-preview/card-service.js';

export { allRecords, type Recorded };

/** Puts a fresh fake on globalThis, where addon/src reads `CardService`. */
export function installCardService(): void {
  (globalThis as { CardService?: unknown }).CardService = createCardService() as GoogleAppsScript.Card_Service.CardService;
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
