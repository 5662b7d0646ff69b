/**
 * One card widget → HTML, from its CardService record (card-service.ts). Google's behaviour per
 * widget follows card.proto and the CardService reference; the looks are approximate (sidebar-assets.ts).
 * A widget or property not drawn here is shown as "Not supported in the sandbox: …" and reported.
 */
import type { VNode } from 'preact';
import type { Recorded } from './card-service.js';
import { cardTextHtml } from './card-html.js';
import { Icon } from './icons.js';
import { CardRefused, type RenderContext } from './render-context.js';
import { Picker, SelectionInput, SwitchControl, TextInput } from './render-inputs.js';
import { Unsupported } from './unsupported.js';

const Html = ({ text, className }: { text: unknown; className: string }) => (
  <span class={className} dangerouslySetInnerHTML={{ __html: cardTextHtml(String(text ?? '')) }} />
);

const STYLES: Record<string, string> = {
  'TextButtonStyle.OUTLINED': 'outlined',
  'TextButtonStyle.TEXT': 'borderless',
  'TextButtonStyle.FILLED': 'filled',
  'TextButtonStyle.FILLED_TONAL': 'tonal',
  'TextButtonStyle.BORDERLESS': 'borderless',
};

/** A TextButton or ImageButton: a submit button of the card's form, or a link opening in a new tab. */
export function Button({ record, ctx }: { record: unknown; ctx: RenderContext }): VNode {
  const button = record as Recorded;
  const image = button.kind === 'ImageButton';
  ctx.check(
    button,
    image
      ? ['icon', 'iconUrl', 'altText', 'onClickAction', 'openLink']
      : ['text', 'onClickAction', 'openLink', 'textButtonStyle', 'backgroundColor', 'disabled', 'altText'],
  );
  // OUTLINED is Google's default style.
  const style = image ? 'icon-button' : (STYLES[String(button.textButtonStyle ?? 'TextButtonStyle.OUTLINED')] ?? 'outlined');
  const label = image ? (
    <Icon record={{ kind: 'IconImage', icon: button.icon, iconUrl: button.iconUrl }} ctx={ctx} />
  ) : (
    String(button.text ?? '')
  );
  const name = typeof button.altText === 'string' ? button.altText : undefined;
  const color = style === 'filled' && typeof button.backgroundColor === 'string' ? { backgroundColor: button.backgroundColor } : undefined;
  if (button.openLink !== undefined) {
    const url = ctx.link(button.openLink);
    if (url && button.disabled !== true) {
      return (
        <a class={`button ${style}`} href={url} target="_blank" rel="noopener noreferrer" aria-label={name} style={color}>
          {label}
        </a>
      );
    }
  }
  if (button.onClickAction === undefined && button.openLink === undefined)
    return <Unsupported what={ctx.notSupported(`${button.kind} without an action`)} />;
  const index = button.onClickAction === undefined ? undefined : ctx.action(button.onClickAction);
  return (
    <button
      class={`button ${style}`}
      type="submit"
      name="action"
      value={index}
      disabled={button.disabled === true || index === undefined}
      aria-label={name}
      style={color}
    >
      {label}
    </button>
  );
}

function DecoratedText({ widget, ctx }: { widget: Recorded; ctx: RenderContext }) {
  ctx.check(widget, [
    'text',
    'topLabel',
    'bottomLabel',
    'wrapText',
    'startIcon',
    'endIcon',
    'button',
    'switchControl',
    'onClickAction',
    'openLink',
  ]);
  const ends = ['endIcon', 'button', 'switchControl'].filter((key) => widget[key] !== undefined);
  // card.proto: at most one of button, switch, end icon.
  if (ends.length > 1) throw new CardRefused(`A decorated text has ${ends.join(' and ')}; Google allows one`);
  const body = (
    <span class="decorated-body">
      {widget.topLabel !== undefined && <Html className="top-label" text={widget.topLabel} />}
      <Html className={widget.wrapText === true ? 'decorated-text wrap' : 'decorated-text'} text={widget.text} />
      {widget.bottomLabel !== undefined && <Html className="bottom-label" text={widget.bottomLabel} />}
    </span>
  );
  const url = widget.onClickAction === undefined && widget.openLink !== undefined ? ctx.link(widget.openLink) : undefined;
  const clickable =
    widget.onClickAction !== undefined ? (
      <button class="decorated-click" type="submit" name="action" value={ctx.action(widget.onClickAction)}>
        {body}
      </button>
    ) : url ? (
      <a class="decorated-click" href={url} target="_blank" rel="noopener noreferrer">
        {body}
      </a>
    ) : (
      body
    );
  return (
    <div class="widget decorated">
      {widget.startIcon !== undefined && <Icon record={widget.startIcon} ctx={ctx} />}
      {clickable}
      {widget.button !== undefined && <Button record={widget.button} ctx={ctx} />}
      {widget.endIcon !== undefined && <Icon record={widget.endIcon} ctx={ctx} />}
      {widget.switchControl !== undefined && <SwitchControl record={widget.switchControl} label={String(widget.text ?? '')} ctx={ctx} />}
    </div>
  );
}

function Grid({ widget, ctx }: { widget: Recorded; ctx: RenderContext }) {
  ctx.check(widget, ['title', 'numColumns', 'items', 'borderStyle']);
  const columns = Math.max(1, Number(widget.numColumns ?? 1));
  const border = widget.borderStyle as Recorded | undefined;
  if (border) ctx.check(border, ['type', 'strokeColor', 'cornerRadius']);
  const stroke =
    border?.type === 'BorderType.STROKE'
      ? { border: `1px solid ${String(border.strokeColor ?? '#c4c7c5')}`, borderRadius: `${Number(border.cornerRadius ?? 0)}px` }
      : undefined;
  return (
    <div class="widget grid">
      {widget.title !== undefined && <p class="grid-title">{String(widget.title)}</p>}
      <ul class="grid-items" style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}>
        {((widget.items ?? []) as Recorded[]).map((item) => {
          ctx.check(item, ['title', 'subtitle', 'identifier', 'image', 'layout', 'textAlignment']);
          const image = item.image as Recorded | undefined;
          if (image) ctx.check(image, ['imageUrl', 'altText', 'cropStyle']);
          return (
            <li class="grid-item" style={stroke}>
              {image && <img src={String(image.imageUrl)} alt={String(image.altText ?? '')} />}
              {item.title !== undefined && <span class="grid-item-title">{String(item.title)}</span>}
              {item.subtitle !== undefined && <span class="bottom-label">{String(item.subtitle)}</span>}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Image({ widget, ctx }: { widget: Recorded; ctx: RenderContext }) {
  ctx.check(widget, ['imageUrl', 'altText']);
  return <img class="widget image" src={String(widget.imageUrl)} alt={String(widget.altText ?? '')} />;
}

/** Any widget of a section. */
export function Widget({ widget, ctx }: { widget: Recorded; ctx: RenderContext }): VNode {
  switch (widget.kind) {
    case 'TextParagraph':
      ctx.check(widget, ['text']);
      return <p class="widget paragraph" dangerouslySetInnerHTML={{ __html: cardTextHtml(String(widget.text ?? '')) }} />;
    case 'DecoratedText':
      return <DecoratedText widget={widget} ctx={ctx} />;
    case 'ButtonSet':
      ctx.check(widget, ['buttons']);
      return (
        <div class="widget button-set">
          {((widget.buttons ?? []) as Recorded[]).map((button) => (
            <Button record={button} ctx={ctx} />
          ))}
        </div>
      );
    case 'TextButton':
    case 'ImageButton':
      return (
        <div class="widget button-set">
          <Button record={widget} ctx={ctx} />
        </div>
      );
    case 'TextInput':
      return <TextInput widget={widget} ctx={ctx} />;
    case 'SelectionInput':
      return <SelectionInput widget={widget} ctx={ctx} />;
    case 'DateTimePicker':
    case 'DatePicker':
    case 'TimePicker':
      return <Picker widget={widget} ctx={ctx} />;
    case 'Grid':
      return <Grid widget={widget} ctx={ctx} />;
    case 'Image':
      return <Image widget={widget} ctx={ctx} />;
    case 'Divider':
      ctx.check(widget, []);
      return <hr class="widget divider" />;
    default:
      return <Unsupported what={ctx.notSupported(widget.kind)} />;
  }
}
