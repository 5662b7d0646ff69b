/**
 * The input widgets: text input, selection input (check boxes, radio buttons, switches, dropdown),
 * the date and time pickers and a decorated text's switch. Each field posts as `field:<name>`;
 * RenderContext remembers how it reads back into Google's formInputs (event-objects.ts).
 */
import type { ComponentChildren } from 'preact';
import type { Recorded } from './card-service.js';
import { CardRefused, LIMITS, type RenderContext } from './render-context.js';
import { Unsupported } from './unsupported.js';

export function SwitchControl({ record, label, ctx }: { record: unknown; label: string; ctx: RenderContext }) {
  const control = record as Recorded;
  ctx.check(control, ['fieldName', 'value', 'selected', 'controlType']);
  const checkbox = control.controlType === 'SwitchControlType.CHECK_BOX' || control.controlType === 'ControlType.CHECK_BOX';
  return (
    <input
      class={checkbox ? 'checkbox' : 'switch'}
      type="checkbox"
      role={checkbox ? undefined : 'switch'}
      name={ctx.field(control.fieldName, 'string')}
      value={String(control.value ?? '')}
      checked={control.selected === true}
      aria-label={label.replace(/<[^>]*>/g, '')}
    />
  );
}

function Labelled({ id, title, hint, children }: { id: string; title: unknown; hint?: unknown; children: ComponentChildren }) {
  return (
    <div class="widget field">
      <label for={id}>{String(title ?? '')}</label>
      {children}
      {hint !== undefined && (
        <p class="hint" id={`${id}-hint`}>
          {String(hint)}
        </p>
      )}
    </div>
  );
}

export function TextInput({ widget, ctx }: { widget: Recorded; ctx: RenderContext }) {
  ctx.check(widget, ['fieldName', 'title', 'hint', 'value', 'multiline']);
  const id = ctx.id('input');
  const props = {
    id,
    name: ctx.field(widget.fieldName, 'string'),
    'aria-describedby': widget.hint === undefined ? undefined : `${id}-hint`,
  };
  return (
    <Labelled id={id} title={widget.title} hint={widget.hint}>
      {widget.multiline === true ? (
        <textarea {...props} rows={3} value={String(widget.value ?? '')} />
      ) : (
        <input {...props} type="text" value={String(widget.value ?? '')} />
      )}
    </Labelled>
  );
}

export function SelectionInput({ widget, ctx }: { widget: Recorded; ctx: RenderContext }) {
  ctx.check(widget, ['fieldName', 'title', 'type', 'items']);
  const items = ((widget.items ?? []) as unknown[][]).map(([text, value, selected]) => ({
    text: String(text),
    value: String(value),
    selected: selected === true,
  }));
  if (items.length > LIMITS.selectionItems)
    throw new CardRefused(`A selection input has ${items.length} items; Google allows ${LIMITS.selectionItems}`);
  const name = ctx.field(widget.fieldName, 'string');
  const type = String(widget.type ?? 'SelectionInputType.CHECK_BOX').replace(/^SelectionInputType\./, '');
  if (type === 'DROPDOWN') {
    const id = ctx.id('select');
    return (
      <Labelled id={id} title={widget.title}>
        <select id={id} name={name}>
          {items.map((item) => (
            <option value={item.value} selected={item.selected}>
              {item.text}
            </option>
          ))}
        </select>
      </Labelled>
    );
  }
  if (!['CHECK_BOX', 'RADIO_BUTTON', 'SWITCH'].includes(type)) return <Unsupported what={ctx.notSupported(`selection input ${type}`)} />;
  return (
    <fieldset class="widget choices">
      <legend>{String(widget.title ?? '')}</legend>
      {items.map((item) => (
        <label class="choice">
          {type === 'RADIO_BUTTON' ? (
            <input type="radio" name={name} value={item.value} checked={item.selected} />
          ) : (
            <input
              type="checkbox"
              role={type === 'SWITCH' ? 'switch' : undefined}
              class={type === 'SWITCH' ? 'switch' : undefined}
              name={name}
              value={item.value}
              checked={item.selected}
            />
          )}
          {item.text}
        </label>
      ))}
    </fieldset>
  );
}

const pad = (value: number) => String(value).padStart(2, '0');

/** DateTimePicker, DatePicker, TimePicker: the value is milliseconds since the epoch in UTC; an offset in minutes sets the zone. */
export function Picker({ widget, ctx }: { widget: Recorded; ctx: RenderContext }) {
  const kind = widget.kind === 'DatePicker' ? 'date' : widget.kind === 'TimePicker' ? 'time' : 'dateTime';
  ctx.check(
    widget,
    kind === 'time' ? ['fieldName', 'title', 'hours', 'minutes'] : ['fieldName', 'title', 'valueInMsSinceEpoch', 'timeZoneOffsetInMins'],
  );
  const offset = typeof widget.timeZoneOffsetInMins === 'number' ? widget.timeZoneOffsetInMins : ctx.userOffsetMinutes;
  const id = ctx.id('picker');
  const name = ctx.field(widget.fieldName, kind, kind === 'dateTime' ? offset : 0);
  let value = '';
  if (kind === 'time' && typeof widget.hours === 'number') value = `${pad(widget.hours)}:${pad(Number(widget.minutes ?? 0))}`;
  else if (widget.valueInMsSinceEpoch !== undefined) {
    const shifted = new Date(Number(widget.valueInMsSinceEpoch) + (kind === 'dateTime' ? offset * 60_000 : 0)).toISOString();
    value = kind === 'date' ? shifted.slice(0, 10) : shifted.slice(0, 16);
  }
  return (
    <Labelled id={id} title={widget.title}>
      <input id={id} name={name} type={kind === 'dateTime' ? 'datetime-local' : kind} value={value} />
    </Labelled>
  );
}
