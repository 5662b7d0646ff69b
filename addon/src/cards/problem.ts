import type { ActionCall } from '../action-names.js';
import type { AddonProblem, ProblemKind } from '../problems.js';
import { escapeHtml } from '../format.js';
import { button, buttons, linkButton, paragraph } from './widgets.js';

/** Title and explanation per problem kind: one error card each. */
const EXPLANATIONS: Readonly<Record<ProblemKind, { title: string; text: string }>> = {
  not_in_program: {
    title: 'You are not part of a mentoring program',
    text: 'Together has no active mentoring matching for your Google account. If you expected one, ask your program manager to check your Together profile.',
  },
  calendar_not_connected: {
    title: 'Your calendar is not connected',
    text: 'Together cannot reach the Google Calendar this session needs, so it cannot book or change it here. Your Google Workspace admin needs to install the Together app for you (or your part of the organization).',
  },
  backend_unreachable: {
    title: 'Together cannot be reached',
    text: 'The Together service did not answer. Nothing was changed. Try again in a moment.',
  },
  calendar_unavailable: {
    title: 'Google Calendar is not answering',
    text: 'Together could not reach Google Calendar just now. A booking already started is finished automatically; otherwise try again in a moment.',
  },
  session_not_modifiable: {
    title: 'This session can no longer be changed',
    text: 'It was cancelled, is already over, or is being changed right now. Open it again to see where it stands.',
  },
  slot_taken: {
    title: 'That time was just taken',
    text: 'Someone’s calendar changed since the times were shown, so the session was not booked or moved. Please choose another time.',
  },
  version_conflict: {
    title: 'This session changed meanwhile',
    text: 'It was moved or changed (perhaps by your match, or in Google Calendar) after this card was shown. Nothing was changed; reload to see it as it is now.',
  },
  signed_out: {
    title: 'Together could not confirm who you are',
    text: 'Your Google sign-in could not be verified. Reload Google Calendar and try again; if it keeps happening, the add-on may need to be reinstalled.',
  },
  invalid_action: {
    title: 'This card is out of date',
    text: 'The button’s details are no longer valid. Start again from your sessions.',
  },
  unexpected: {
    title: 'Something went wrong',
    text: 'The add-on hit an unexpected error. Nothing was changed. Try again, or ask for help if it keeps happening.',
  },
};

/** What an error card offers: try the same step again, and/or a way out, plus always Help. */
export interface ProblemCardOptions {
  readonly retry?: ActionCall;
  readonly helpUrl: string;
}

export function buildProblemCard(problem: AddonProblem, options: ProblemCardOptions): GoogleAppsScript.Card_Service.Card {
  const { title, text } = EXPLANATIONS[problem.kind];
  const section = CardService.newCardSection().addWidget(paragraph(escapeHtml(text)));
  if (problem.message) section.addWidget(paragraph(`<font color="#5f6368">${escapeHtml(problem.message)}</font>`));
  const actions = [];
  if (problem.recovery) actions.push(button(problem.recovery.label, problem.recovery.action, true));
  if (options.retry && problem.kind !== 'invalid_action') actions.push(button('Try again', options.retry, !problem.recovery));
  if (problem.kind === 'invalid_action') actions.push(button('Your sessions', { functionName: 'onShowHome', parameters: {} }, true));
  actions.push(linkButton('Help', options.helpUrl));
  section.addWidget(buttons(...actions));
  return CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle(title)).addSection(section).build();
}
