/**
 * A client of the sidebar's HTML, as a browser without scripts is: it reads the card's form (the
 * hidden stack and card ids, the buttons' values) and presses a button by its label, following the
 * redirect to the page that shows the result.
 */
export interface Page {
  readonly status: number;
  readonly html: string;
}

const decode = (text: string) =>
  text
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");

export class SidebarClient {
  page: Page = { status: 0, html: '' };

  constructor(
    private readonly baseUrl: string,
    readonly user: string,
  ) {}

  async open(path: string, query: Record<string, string> = {}): Promise<Page> {
    const search = new URLSearchParams({ user: this.user, ...query });
    const response = await fetch(`${this.baseUrl}/sidebar/${path}?${search}`);
    return (this.page = { status: response.status, html: await response.text() });
  }

  /** Presses the button labelled `label` on the shown card, posting the card's form with `fields` typed in. */
  async press(label: string, fields: Record<string, string> = {}): Promise<Page> {
    const buttons = [...this.page.html.matchAll(/<button[^>]*name="(action|universal)" value="(\d+)"[^>]*>([\s\S]*?)<\/button>/g)];
    const button = buttons.find((match) => decode(match[3]!).trim() === label);
    if (!button) throw new Error(`no button "${label}"; buttons: ${buttons.map((match) => decode(match[3]!).trim()).join(', ')}`);
    const hidden = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]*)"`).exec(this.page.html)?.[1] ?? '';
    const body = new URLSearchParams({ stack: hidden('stack'), card: hidden('card'), [button[1]!]: button[2]! });
    for (const [name, value] of Object.entries(fields)) body.append(`field:${name}`, value);
    return this.post('action', body);
  }

  async back(): Promise<Page> {
    const stack = /<input type="hidden" name="stack" value="([^"]*)"/.exec(this.page.html)?.[1] ?? '';
    return this.post('back', new URLSearchParams({ stack }));
  }

  private async post(path: string, body: URLSearchParams): Promise<Page> {
    const response = await fetch(`${this.baseUrl}/sidebar/${path}?user=${encodeURIComponent(this.user)}`, {
      method: 'POST',
      body,
      redirect: 'manual',
    });
    if (response.status !== 303) return (this.page = { status: response.status, html: await response.text() });
    const shown = await fetch(new URL(response.headers.get('location')!, this.baseUrl));
    return (this.page = { status: shown.status, html: await shown.text() });
  }

  /** The shown card's heading. */
  get title(): string {
    return decode(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(this.page.html)?.[1] ?? '');
  }

  /** Everything the page says, tags removed. */
  get text(): string {
    return decode(this.page.html.replace(/<head>[\s\S]*<\/head>/, '').replace(/<(p|div|h1|h2|li|section|span)[ >]/g, ' $&'));
  }

  /** The toast's text. */
  get notification(): string {
    return decode(/<div class="toast" role="status" aria-live="polite">([\s\S]*?)<\/div>/.exec(this.page.html)?.[1] ?? '');
  }

  /** What the sidebar says it could not draw or do. */
  get problems(): string[] {
    return [...this.page.html.matchAll(/<p class="unsupported" role="note">([\s\S]*?)<\/p>/g)].map((match) => decode(match[1]!));
  }
}
