/**
 * The browser's part on Together's confirmation page after the Google sign-in: read its form (the
 * secret and the two buttons) and post the choice, as a browser on that page would (its Origin and
 * `Sec-Fetch-Site: same-origin`, a form body).
 */

/** The confirmation form of a page, or null when the page has none. */
export function confirmationFormOf(html: string, pageUrl: string): { action: URL; confirmation: string; decisions: string[] } | null {
  const form = /<form method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  if (!form) return null;
  const confirmation = /<input type="hidden" name="confirmation" value="([^"]*)">/.exec(form[2]!)?.[1] ?? '';
  const decisions = [...form[2]!.matchAll(/<button type="submit" name="decision" value="([^"]+)"/g)].map((m) => m[1]!);
  return { action: new URL(form[1]!, pageUrl), confirmation, decisions };
}

export interface ConfirmationAnswer {
  status: number;
  html: string;
  headers: Headers;
}

/** Posts a confirmation form; `headers` replace the browser's (to play another site, say). */
export async function postConfirmation(
  action: URL,
  fields: Record<string, string>,
  headers: Record<string, string> = { origin: action.origin, 'sec-fetch-site': 'same-origin' },
): Promise<ConfirmationAnswer> {
  const response = await fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

/** Answers the confirmation page the way the person chose; a page without the form is answered as it is. */
export async function answerConfirmation<T extends ConfirmationAnswer>(
  page: T,
  pageUrl: string,
  decision: 'verify' | 'decline',
): Promise<T> {
  const form = confirmationFormOf(page.html, pageUrl);
  if (!form) return page;
  return { ...page, ...(await postConfirmation(form.action, { confirmation: form.confirmation, decision })) };
}
