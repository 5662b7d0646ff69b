/**
 * The sidebar document: the add-on's bar (Back, its name, the "Approximate preview" tag, the
 * card's menu with card actions, then the manifest's universal actions), the top card as one
 * form (every button posts the whole card, so Google's formInputs can be sent), a toast region, an
 * open link or an execution error. Works without scripts; sidebar.js only focuses and fades.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { Recorded } from './card-service.js';
import type { OpenLink } from './navigation.js';
import { cardActionsOf, renderCardBody } from './render-card.js';
import { CardRefused, RenderContext } from './render-context.js';
import { Unsupported } from './unsupported.js';

export interface SidebarView {
  /** Where the router is mounted (`/sidebar`): forms and assets are under it. */
  readonly base: string;
  readonly user: string;
  readonly addonName: string;
  readonly stack: 'home' | 'event';
  /** The card shown and its stack entry's id (posted back); none when the trigger failed. */
  readonly shown: { readonly id: string; readonly card: Recorded } | undefined;
  /** An execution that failed (a trigger: instead of the card; an action: above it). */
  readonly error?: string;
  readonly hasBack: boolean;
  readonly universalActions: ReadonlyArray<{ readonly label: string; readonly url?: string }>;
  readonly linkPrefixes: readonly string[];
  readonly userOffsetMinutes: number;
  readonly notification?: string;
  readonly openLink?: OpenLink;
  /** The active stack's trigger again: where an `OnClose.RELOAD` link's "Reload the add-on" goes. */
  readonly reloadUrl: string;
  readonly problems: readonly string[];
  /** The sidebar just changed after an action or Back: focus the heading, tell the Calendar page. */
  readonly changed: boolean;
}

export interface RenderedSidebar {
  readonly html: string;
  readonly ctx: RenderContext;
}

type MenuItem = { text: string; url?: string; action?: number; universal?: number };

function Menu({ items }: { items: readonly MenuItem[] }) {
  if (!items.length) return null;
  return (
    <details class="menu">
      <summary aria-label="More actions">⋮</summary>
      <ul class="menu-items">
        {items.map((item) => (
          <li>
            {item.url !== undefined ? (
              <a href={item.url} target="_blank" rel="noopener noreferrer">
                {item.text}
              </a>
            ) : (
              <button
                type="submit"
                form="card-form"
                name={item.universal === undefined ? 'action' : 'universal'}
                value={item.universal ?? item.action}
              >
                {item.text}
              </button>
            )}
          </li>
        ))}
      </ul>
    </details>
  );
}

interface Drawn {
  readonly cardHtml: string;
  readonly title: string;
  readonly error?: string;
  readonly menu: readonly MenuItem[];
  readonly ctx: RenderContext;
}

function Sidebar({ view, drawn }: { view: SidebarView; drawn: Drawn }): VNode {
  const query = `user=${encodeURIComponent(view.user)}`;
  const problems = [...view.problems, ...drawn.ctx.unsupported];
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${drawn.title} – ${view.addonName} – Sidebar preview`}</title>
        <link rel="stylesheet" href={`${view.base}/assets/sidebar.css`} />
        <script src={`${view.base}/assets/sidebar.js`} defer />
      </head>
      <body data-changed={view.changed ? 'true' : undefined}>
        <div class="sidebar">
          <div class="addon-bar">
            {view.hasBack ? (
              <form method="post" action={`${view.base}/back?${query}`}>
                <input type="hidden" name="stack" value={view.stack} />
                <button class="bar-button" type="submit" aria-label="Back">
                  ←
                </button>
              </form>
            ) : view.stack === 'event' ? (
              <a class="bar-button" href={`${view.base}/home?${query}`} aria-label="Add-on home">
                ⌂
              </a>
            ) : null}
            <span class="addon-name">{view.addonName}</span>
            <Menu items={drawn.menu} />
          </div>
          <p class="preview-strip">
            <span class="preview-tag">Approximate preview</span> not Google’s renderer
          </p>
          <main>
            <form id="card-form" method="post" action={`${view.base}/action?${query}`}>
              <input type="hidden" name="stack" value={view.stack} />
              <input type="hidden" name="card" value={view.shown?.id ?? ''} />
              {!drawn.cardHtml && (
                <h1 class="card-title sr-heading" id="card-title" tabIndex={-1}>
                  {view.addonName}
                </h1>
              )}
              {drawn.error !== undefined && <ExecutionError message={drawn.error} />}
              {drawn.cardHtml && <div dangerouslySetInnerHTML={{ __html: drawn.cardHtml }} />}
            </form>
            {problems.length > 0 && (
              <div class="problems">
                {problems.map((problem) => (
                  <Unsupported
                    what={/^(Not supported|refused|That |A link)/.test(problem) ? problem : `Not supported in the sandbox: ${problem}`}
                  />
                ))}
              </div>
            )}
          </main>
          {view.openLink && (
            <div class="open-link" role="region" aria-labelledby="open-link-title">
              <p id="open-link-title">The add-on opens a link{view.openLink.openAs === 'OVERLAY' ? ' in an overlay' : ''}:</p>
              <a
                href={view.openLink.url}
                target="_blank"
                rel="noopener noreferrer"
                data-open-link="true"
                {...(view.openLink.reloadOnClose ? { 'data-reload-url': view.reloadUrl } : {})}
              >
                {view.openLink.url}
              </a>
              {view.openLink.reloadOnClose && (
                <p class="reload-on-close">
                  The add-on reloads when you close that window. <a href={view.reloadUrl}>Reload the add-on now</a>
                </p>
              )}
            </div>
          )}
          <div class="toast" role="status" aria-live="polite">
            {view.notification ?? ''}
          </div>
        </div>
      </body>
    </html>
  );
}

/** The card first (its rendering collects actions, fields and what is not drawn), then the menu; a card Google would refuse is not drawn at all. */
function draw(view: SidebarView): Drawn {
  const card = view.shown?.card;
  const universal = view.universalActions.map((item, index) => ({
    text: item.label,
    url: item.url,
    universal: item.url === undefined ? index : undefined,
  }));
  let ctx = new RenderContext(view.linkPrefixes, view.userOffsetMinutes);
  if (!card) return { cardHtml: '', title: 'Error', error: view.error, menu: universal, ctx };
  try {
    const cardHtml = renderToString(renderCardBody(card, ctx));
    // Universal actions come after the card's own, in manifest order, on every card.
    const menu = [...cardActionsOf(card, ctx), ...universal];
    return { cardHtml, title: String((card.header as Recorded | undefined)?.title ?? view.addonName), error: view.error, menu, ctx };
  } catch (error) {
    if (!(error instanceof CardRefused)) throw error;
    ctx = new RenderContext(view.linkPrefixes, view.userOffsetMinutes);
    ctx.unsupported.push(`refused: ${error.message}`);
    return { cardHtml: '', title: 'Error', error: `Google would refuse this card: ${error.message}.`, menu: universal, ctx };
  }
}

function ExecutionError({ message }: { message: string }) {
  // Google shows a red line when an add-on fails; the sandbox also shows why.
  return (
    <div class="execution-error" role="alert">
      <p class="execution-error-title">The add-on could not load this card. Try again.</p>
      <pre>{message}</pre>
    </div>
  );
}

/** Renders the sidebar; `ctx` holds the card's actions and fields for the next POST, and what was not drawn. */
export function renderSidebar(view: SidebarView): RenderedSidebar {
  const drawn = draw(view);
  return { html: `<!doctype html>${renderToString(<Sidebar view={view} drawn={drawn} />)}`, ctx: drawn.ctx };
}
