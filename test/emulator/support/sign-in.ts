/**
 * A browser stand-in for the emulator's sign-in pages: open the authorization URL, read the account chooser's
 * form, post it, and follow the redirect to a real local callback server (the app's redirect URI).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CallbackServer {
  /** Base URL, e.g. `http://127.0.0.1:PORT`; the app's callback is any path below it. */
  url: string;
  /** Every request the "app" received, as full URLs. */
  received: URL[];
  close(): Promise<void>;
}

/** The app's side of the redirect: records each callback and answers a small page. */
export async function startCallbackServer(): Promise<CallbackServer> {
  const received: URL[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    received.push(url);
    res.writeHead(200, { 'content-type': 'text/plain' }).end('signed in');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface ChooserAccount {
  email: string;
  label: string;
  checked: boolean;
  disabled: boolean;
}

/** A scope checkbox of the consent screen (granular consent). */
export interface ConsentScope {
  scope: string;
  label: string;
  checked: boolean;
}

/** The chooser's form as a browser would see it. */
export interface SignInForm {
  method: string;
  /** Absolute URL the form posts to. */
  action: string;
  hidden: Record<string, string>;
  accounts: ChooserAccount[];
  /** The non-Sign-In scopes, each with its checkbox. */
  scopes: ConsentScope[];
  /** `value`s of the submit buttons (`allow`, `cancel`). */
  buttons: string[];
  /** Text of an alert on the page, if any. */
  alert?: string;
}

/** An attribute's value in a tag, unescaped. */
export const attribute = (tag: string, name: string): string | undefined => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? unescape(match[1]!) : undefined;
};
/** Whether a tag carries a boolean attribute (`checked`, `disabled`). */
export const hasAttribute = (tag: string, name: string): boolean => new RegExp(`\\s${name}(?=[\\s>=])`).test(tag);
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
}
/** The text of an HTML fragment as a reader sees it: tags dropped, entities read, spaces collapsed. */
export const textOf = (html: string): string =>
  unescape(html.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();

/** Reads the one form of a sign-in page (throws when there is none). */
export function parseSignInForm(html: string, pageUrl: string): SignInForm {
  const formTag = /<form\b[^>]*>/.exec(html)?.[0];
  if (!formTag) throw new Error(`no form on the page:\n${html}`);
  const hidden: Record<string, string> = {};
  const accounts: ChooserAccount[] = [];
  const scopes: ConsentScope[] = [];
  const labelOf = (id: string): string => textOf(new RegExp(`<label for="${id}">([\\s\\S]*?)</label>`).exec(html)?.[1] ?? '');
  for (const tag of html.match(/<input\b[^>]*>/g) ?? []) {
    const type = attribute(tag, 'type');
    const name = attribute(tag, 'name') ?? '';
    const value = attribute(tag, 'value') ?? '';
    if (type === 'hidden') hidden[name] = value;
    if (type === 'radio' && name === 'account') {
      const label = labelOf(attribute(tag, 'id') ?? '');
      accounts.push({ email: value, label, checked: hasAttribute(tag, 'checked'), disabled: hasAttribute(tag, 'disabled') });
    }
    if (type === 'checkbox' && name === 'scope') {
      scopes.push({ scope: value, label: labelOf(attribute(tag, 'id') ?? ''), checked: hasAttribute(tag, 'checked') });
    }
  }
  const buttons = (html.match(/<button\b[^>]*>/g) ?? []).map((tag) => attribute(tag, 'value') ?? '');
  const alert = /<[a-z]+ role="alert"[^>]*>([\s\S]*?)<\/[a-z]+>/.exec(html)?.[1];
  return {
    method: (attribute(formTag, 'method') ?? 'get').toLowerCase(),
    action: new URL(attribute(formTag, 'action') ?? '', pageUrl).toString(),
    hidden,
    accounts,
    scopes,
    buttons,
    ...(alert !== undefined ? { alert: textOf(alert) } : {}),
  };
}

export interface PageAnswer {
  status: number;
  html: string;
  /** The redirect target, when the answer is a redirect. */
  location?: string;
  headers: Headers;
}

const answerOf = async (response: Response): Promise<PageAnswer> => {
  const location = response.headers.get('location');
  return { status: response.status, html: await response.text(), headers: response.headers, ...(location ? { location } : {}) };
};

/** GET the authorization URL as a browser would (redirects not followed). */
export async function openPage(url: string): Promise<PageAnswer> {
  return answerOf(await fetch(url, { redirect: 'manual' }));
}

/**
 * Submits the chooser: the hidden fields, the chosen account (default: the preselected one), the ticked scope
 * boxes (default: as the page ticked them; `untick` clears some, `scopes` replaces the lot) and a button.
 */
export async function submitForm(
  form: SignInForm,
  choice: { account?: string; action?: 'allow' | 'cancel' | string; untick?: string[]; scopes?: string[] } = {},
): Promise<PageAnswer> {
  const body = new URLSearchParams(form.hidden);
  const account = choice.account ?? form.accounts.find((a) => a.checked)?.email;
  if (account !== undefined) body.set('account', account);
  const ticked = choice.scopes ?? form.scopes.filter((s) => s.checked && !(choice.untick ?? []).includes(s.scope)).map((s) => s.scope);
  for (const scope of ticked) body.append('scope', scope);
  body.set('action', choice.action ?? 'allow');
  return answerOf(await fetch(form.action, { method: 'POST', body, redirect: 'manual' }));
}

/** Follows a redirect to the app (the callback server records it) and returns the URL it landed on. */
export async function followRedirect(answer: PageAnswer, callbacks: CallbackServer): Promise<URL> {
  if (!answer.location) throw new Error(`expected a redirect, got ${answer.status}:\n${answer.html}`);
  const before = callbacks.received.length;
  const landed = await fetch(answer.location);
  await landed.text();
  const url = callbacks.received[before];
  if (!url) throw new Error(`the redirect to ${answer.location} did not reach the app`);
  return url;
}
