/**
 * A recorded card → the HTML of Google's sidebar, approximately (Preact on the server, like the
 * console). Google's documented rules are kept exactly: the limits (refused with CardRefused), a
 * header's title, the section divider and its collapsing behind Show more / Show less, the
 * fixed footer's two buttons. What is not drawn is shown and reported (RenderContext.unsupported).
 */
import type { VNode } from 'preact';
import type { Recorded } from './card-service.js';
import { cardTextHtml } from './card-html.js';
import { CardRefused, LIMITS, RenderContext } from './render-context.js';
import { Button, Widget } from './render-widgets.js';
import { Unsupported } from './unsupported.js';

function Header({ header, ctx }: { header: Recorded | undefined; ctx: RenderContext }) {
  if (!header) return null;
  ctx.check(header, ['title', 'subtitle', 'imageUrl', 'imageStyle', 'imageAltText']);
  if (typeof header.title !== 'string' || !header.title) throw new CardRefused('A card header needs a title');
  // card.proto: with a subtitle, each takes one line; without one, the title may take two.
  return (
    <header class={header.subtitle === undefined ? 'card-header two-lines' : 'card-header'}>
      {typeof header.imageUrl === 'string' && (
        <img
          class={header.imageStyle === 'ImageStyle.CIRCLE' ? 'header-image circle' : 'header-image'}
          src={header.imageUrl}
          alt={String(header.imageAltText ?? '')}
        />
      )}
      <div>
        <h1 class="card-title" id="card-title" tabIndex={-1}>
          {header.title}
        </h1>
        {header.subtitle !== undefined && <p class="card-subtitle">{String(header.subtitle)}</p>}
      </div>
    </header>
  );
}

function Section({ section, ctx, first }: { section: Recorded; ctx: RenderContext; first: boolean }) {
  ctx.check(section, ['header', 'widgets', 'collapsible', 'numUncollapsibleWidgets']);
  const widgets = (section.widgets ?? []) as Recorded[];
  if (widgets.length > LIMITS.widgetsPerSection)
    throw new CardRefused(`A section has ${widgets.length} widgets; Google allows ${LIMITS.widgetsPerSection}`);
  const shown = section.collapsible === true ? Math.max(0, Number(section.numUncollapsibleWidgets ?? 0)) : widgets.length;
  const rendered = widgets.map((widget) => <Widget widget={widget} ctx={ctx} />);
  return (
    <section class={first ? 'section first' : 'section'}>
      {section.header !== undefined && (
        <h2 class="section-header" dangerouslySetInnerHTML={{ __html: cardTextHtml(String(section.header)) }} />
      )}
      {rendered.slice(0, shown)}
      {shown < widgets.length && (
        <details class="collapsed">
          <summary>
            <span class="more">Show more</span>
            <span class="less">Show less</span>
          </summary>
          {rendered.slice(shown)}
        </details>
      )}
    </section>
  );
}

function Footer({ footer, ctx }: { footer: Recorded | undefined; ctx: RenderContext }) {
  if (!footer) return null;
  ctx.check(footer, ['primaryButton', 'secondaryButton']);
  if (footer.primaryButton === undefined) throw new CardRefused('A fixed footer needs a primary button');
  return (
    <footer class="fixed-footer">
      {footer.secondaryButton !== undefined && <Button record={footer.secondaryButton} ctx={ctx} />}
      <Button record={{ textButtonStyle: 'TextButtonStyle.FILLED', ...(footer.primaryButton as Recorded) }} ctx={ctx} />
    </footer>
  );
}

/** A card's menu items: its card actions (CardAction: text and an action or a link). */
export function cardActionsOf(card: Recorded, ctx: RenderContext): Array<{ text: string; action?: number; url?: string }> {
  return ((card.cardActions ?? []) as Recorded[]).map((item) => {
    ctx.check(item, ['text', 'onClickAction', 'openLink']);
    return {
      text: String(item.text ?? ''),
      action: item.onClickAction === undefined ? undefined : ctx.action(item.onClickAction),
      url: item.openLink === undefined ? undefined : ctx.link(item.openLink),
    };
  });
}

/** The card's own content: header, sections (a divider between them), fixed footer. */
export function renderCardBody(card: Recorded, ctx: RenderContext): VNode {
  if (card.kind !== 'Card') return <Unsupported what={ctx.notSupported(`a ${card.kind} where a Card belongs`)} />;
  ctx.check(card, ['name', 'header', 'sections', 'fixedFooter', 'cardActions', 'displayStyle']);
  if (card.displayStyle !== undefined && card.displayStyle !== 'DisplayStyle.REPLACE')
    ctx.notSupported(`Card.displayStyle ${String(card.displayStyle)}`);
  const sections = (card.sections ?? []) as Recorded[];
  if (!sections.length) throw new CardRefused('A card needs at least one section');
  if (sections.length > LIMITS.sections)
    throw new CardRefused(`The card has ${sections.length} sections; Google allows ${LIMITS.sections}`);
  return (
    <div class="card">
      <Header header={card.header as Recorded | undefined} ctx={ctx} />
      {sections.map((section, index) => (
        <Section section={section} ctx={ctx} first={index === 0} />
      ))}
      <Footer footer={card.fixedFooter as Recorded | undefined} ctx={ctx} />
    </div>
  );
}
