/**
 * The sidebar renderer (backend/addon-preview/render-card.tsx) on cards built with the recording
 * CardService: every widget kind it draws, the HTML subset Google allows in card text, Google's
 * limits refused, and anything else shown as "Not supported in the sandbox" and reported.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { cardTextHtml } from '../../../backend/addon-preview/card-html.js';
import type { Recorded } from '../../../backend/addon-preview/card-service.js';
import { renderSidebar, type SidebarView } from '../../../backend/addon-preview/sidebar-page.js';
import { installCardService } from '../support/card-queries.js';

beforeAll(installCardService);

const view = (card: unknown, more: Partial<SidebarView> = {}): SidebarView => ({
  base: '/sidebar',
  user: 'ana@acme.test',
  addonName: 'Together Mentoring',
  stack: 'home',
  shown: { id: 'entry-1', card: card as Recorded },
  hasBack: false,
  universalActions: [{ label: 'Help' }],
  linkPrefixes: ['https://meet.google.com/'],
  userOffsetMinutes: 60,
  reloadUrl: '/sidebar/home?user=ana%40acme.test',
  problems: [],
  changed: false,
  ...more,
});
const render = (card: unknown, more: Partial<SidebarView> = {}) => renderSidebar(view(card, more));
const action = (name: string, parameters: Record<string, string> = {}) =>
  CardService.newAction().setFunctionName(name).setParameters(parameters);
const cardOf = (...widgets: GoogleAppsScript.Card_Service.Widget[]) => {
  const section = CardService.newCardSection();
  for (const widget of widgets) section.addWidget(widget);
  return CardService.newCardBuilder().setHeader(CardService.newCardHeader().setTitle('A card')).addSection(section).build();
};

describe('card text: only the HTML Google allows', () => {
  it('keeps b, i, u, s, font color, a href and br, rebuilt', () => {
    expect(
      cardTextHtml(
        '<b>bold</b> <i>it</i> <u>u</u> <s>s</s><br><font color="#b3261e">red</font> <a href="https://x.test/a?b=1&amp;c=2">link</a>',
      ),
    ).toBe(
      '<b>bold</b> <i>it</i> <u>u</u> <s>s</s><br><font color="#b3261e">red</font> <a href="https://x.test/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">link</a>',
    );
  });
  it('escapes every other tag, attributes it does not allow, javascript: links, stray < and bare &', () => {
    expect(cardTextHtml('<script>alert(1)</script><img src=x onerror=alert(1)>')).toBe(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;',
    );
    expect(cardTextHtml('<b onclick="x()">b</b>')).toBe('<b>b</b>');
    expect(cardTextHtml('<a href="javascript:alert(1)">x</a>')).toBe('&lt;a href="javascript:alert(1)"&gt;x&lt;/a&gt;');
    expect(cardTextHtml('<font color="red;background:url(x)">x</font>')).toBe('<font>x</font>');
    expect(cardTextHtml('1 < 2 & 3 &amp; &#39;')).toBe('1 &lt; 2 &amp; 3 &amp; &#39;');
  });
  it('closes what it opened, and drops a closing tag nothing opened', () => {
    expect(cardTextHtml('<b><i>x</b> y</i>')).toBe('<b><i>x</i></b> y&lt;/i&gt;');
    expect(cardTextHtml('<b>open')).toBe('<b>open</b>');
  });
});

describe('widgets', () => {
  it('header: title as the heading, subtitle, image with alt text; the sidebar tagged "Approximate preview"', () => {
    const card = CardService.newCardBuilder()
      .setHeader(
        CardService.newCardHeader()
          .setTitle('Your sessions')
          .setSubtitle('Ana · Acme')
          .setImageUrl('https://x.test/a.png')
          .setImageStyle(CardService.ImageStyle.CIRCLE)
          .setImageAltText('Logo'),
      )
      .addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('Hi')))
      .build();
    const { html, ctx } = render(card);
    expect(html).toContain('<h1 class="card-title" id="card-title" tabindex="-1">Your sessions</h1>');
    expect(html).toContain('<p class="card-subtitle">Ana · Acme</p>');
    expect(html).toContain('<img class="header-image circle" src="https://x.test/a.png" alt="Logo"/>');
    expect(html).toContain('<span class="preview-tag">Approximate preview</span>');
    expect(html).toContain('<title>Your sessions – Together Mentoring – Sidebar preview</title>');
    expect(ctx.unsupported).toEqual([]);
  });

  it('decorated text: icon, labels, wrap, a click action and a button at the end; actions posted by index only', () => {
    const line = CardService.newDecoratedText()
      .setStartIcon(CardService.newIconImage().setIcon(CardService.Icon.CLOCK))
      .setTopLabel('Leadership · session 1')
      .setText('<b>Ben</b> · Tue 10:00')
      .setBottomLabel('Accepted')
      .setWrapText(true)
      .setOnClickAction(action('onShowSession', { sessionId: 's1' }))
      .setButton(
        CardService.newTextButton()
          .setText('Book')
          .setOnClickAction(action('onBook', { matchingId: 'm1' })),
      );
    const { html, ctx } = render(cardOf(line));
    expect(html).toMatch(
      /<svg class="icon" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true" focusable="false"><path d="M11.99 2C/,
    );
    expect(html).toContain('<span class="top-label">Leadership · session 1</span>');
    expect(html).toContain('<span class="decorated-text wrap"><b>Ben</b> · Tue 10:00</span>');
    expect(html).toContain('<span class="bottom-label">Accepted</span>');
    expect(html).toMatch(/<button class="decorated-click" type="submit" name="action" value="0">/);
    expect(html).toContain('<button class="button outlined" type="submit" name="action" value="1">Book</button>');
    expect(html).not.toContain('onShowSession');
    expect(ctx.actions).toEqual([
      { functionName: 'onShowSession', parameters: { sessionId: 's1' } },
      { functionName: 'onBook', parameters: { matchingId: 'm1' } },
    ]);
  });

  it('button sets: FILLED, OUTLINED (the default), FILLED_TONAL, BORDERLESS, disabled; a link button opens an allowed URL in a new tab', () => {
    const styled = (text: string, style?: GoogleAppsScript.Card_Service.TextButtonStyle) => {
      const button = CardService.newTextButton().setText(text).setOnClickAction(action('onGo'));
      return style ? button.setTextButtonStyle(style) : button;
    };
    const set = CardService.newButtonSet()
      .addButton(styled('Filled', CardService.TextButtonStyle.FILLED))
      .addButton(styled('Outlined'))
      .addButton(styled('Tonal', 'TextButtonStyle.FILLED_TONAL' as unknown as GoogleAppsScript.Card_Service.TextButtonStyle))
      .addButton(styled('Plain', 'TextButtonStyle.BORDERLESS' as unknown as GoogleAppsScript.Card_Service.TextButtonStyle))
      .addButton(styled('Off').setDisabled(true))
      .addButton(CardService.newTextButton().setText('Meet').setOpenLink(CardService.newOpenLink().setUrl('https://meet.google.com/abc')));
    const { html, ctx } = render(cardOf(set));
    for (const [style, text] of [
      ['filled', 'Filled'],
      ['outlined', 'Outlined'],
      ['tonal', 'Tonal'],
      ['borderless', 'Plain'],
    ]) {
      expect(html).toMatch(new RegExp(`<button class="button ${style}" type="submit" name="action" value="\\d">${text}</button>`));
    }
    expect(html).toMatch(/<button class="button outlined" type="submit" name="action" value="4" disabled>Off<\/button>/);
    expect(html).toContain(
      '<a class="button outlined" href="https://meet.google.com/abc" target="_blank" rel="noopener noreferrer">Meet</a>',
    );
    expect(ctx.unsupported).toEqual([]);
  });

  it('a link outside openLinkUrlPrefixes is not a link, and is reported', () => {
    const button = CardService.newTextButton().setText('Out').setOpenLink(CardService.newOpenLink().setUrl('https://evil.test/'));
    const { html, ctx } = render(cardOf(CardService.newButtonSet().addButton(button)));
    expect(html).not.toContain('href="https://evil.test/"');
    expect(ctx.unsupported).toEqual(["A link outside the manifest's openLinkUrlPrefixes: https://evil.test/"]);
  });

  it('text input: label above, hint below tied to it, multiline; selection inputs of each type; date-time pickers in the zone', () => {
    const input = CardService.newTextInput()
      .setFieldName('reason')
      .setTitle('Reason (optional)')
      .setHint('Shared with Ben')
      .setMultiline(true)
      .setValue('Travel');
    const select = (type: GoogleAppsScript.Card_Service.SelectionInputType, name: string) =>
      CardService.newSelectionInput()
        .setType(type)
        .setFieldName(name)
        .setTitle(name)
        .addItem('Thirty', '30', true)
        .addItem('Sixty', '60', false);
    const picker = CardService.newDateTimePicker()
      .setFieldName('when')
      .setTitle('When')
      .setValueInMsSinceEpoch(Date.UTC(2026, 11, 2, 9, 30))
      .setTimeZoneOffsetInMins(60);
    const date = CardService.newDatePicker()
      .setFieldName('day')
      .setTitle('Day')
      .setValueInMsSinceEpoch(Date.UTC(2026, 11, 2));
    const { html, ctx } = render(
      cardOf(
        input,
        select(CardService.SelectionInputType.CHECK_BOX, 'boxes'),
        select(CardService.SelectionInputType.RADIO_BUTTON, 'radios'),
        select(CardService.SelectionInputType.SWITCH, 'switches'),
        select(CardService.SelectionInputType.DROPDOWN, 'menu'),
        picker,
        date,
      ),
    );
    expect(html).toMatch(
      /<label for="input-0">Reason \(optional\)<\/label><textarea id="input-0" name="field:reason" aria-describedby="input-0-hint" rows="3">Travel<\/textarea><p class="hint" id="input-0-hint">Shared with Ben<\/p>/,
    );
    expect(html).toContain(
      '<legend>boxes</legend><label class="choice"><input type="checkbox" name="field:boxes" value="30" checked/>Thirty</label>',
    );
    expect(html).toContain('<input type="radio" name="field:radios" value="30" checked/>');
    expect(html).toContain('<input type="checkbox" role="switch" class="switch" name="field:switches" value="30" checked/>');
    expect(html).toMatch(
      /<select id="select-\d" name="field:menu"><option value="30" selected>Thirty<\/option><option value="60">Sixty<\/option><\/select>/,
    );
    expect(html).toMatch(/<input id="picker-\d" name="field:when" type="datetime-local" value="2026-12-02T10:30"\/>/);
    expect(html).toMatch(/<input id="picker-\d" name="field:day" type="date" value="2026-12-02"\/>/);
    expect(ctx.fields).toEqual({
      reason: { kind: 'string' },
      boxes: { kind: 'string' },
      radios: { kind: 'string' },
      switches: { kind: 'string' },
      menu: { kind: 'string' },
      when: { kind: 'dateTime', zoneOffsetMinutes: 60 },
      day: { kind: 'date', zoneOffsetMinutes: 0 },
    });
    expect(ctx.unsupported).toEqual([]);
  });

  it('grid (columns, stroke border), divider, image; a collapsible section keeps its first widgets and hides the rest behind Show more / Show less', () => {
    const grid = CardService.newGrid()
      .setTitle('Programs')
      .setNumColumns(2)
      .setBorderStyle(CardService.newBorderStyle().setType(CardService.BorderType.STROKE).setCornerRadius(8))
      .addItem(CardService.newGridItem().setTitle('Leadership').setSubtitle('12 people'))
      .addItem(CardService.newGridItem().setTitle('Sales'));
    const section = CardService.newCardSection()
      .setHeader('More')
      .setCollapsible(true)
      .setNumUncollapsibleWidgets(1)
      .addWidget(CardService.newTextParagraph().setText('Always shown'))
      .addWidget(CardService.newDivider())
      .addWidget(CardService.newImage().setImageUrl('https://x.test/i.png').setAltText('A chart'));
    const card = CardService.newCardBuilder()
      .setHeader(CardService.newCardHeader().setTitle('Grid'))
      .addSection(CardService.newCardSection().addWidget(grid))
      .addSection(section)
      .build();
    const { html, ctx } = render(card);
    expect(html).toContain('<ul class="grid-items" style="grid-template-columns:repeat(2, 1fr);">');
    expect(html).toMatch(
      /<li class="grid-item" style="border:1px solid #c4c7c5;border-radius:8px;"><span class="grid-item-title">Leadership<\/span><span class="bottom-label">12 people<\/span><\/li>/,
    );
    expect(html).toMatch(
      /<section class="section"><h2 class="section-header">More<\/h2><p class="widget paragraph">Always shown<\/p><details class="collapsed"><summary><span class="more">Show more<\/span><span class="less">Show less<\/span><\/summary><hr class="widget divider"\/><img class="widget image" src="https:\/\/x.test\/i.png" alt="A chart"\/><\/details><\/section>/,
    );
    expect(ctx.unsupported).toEqual([]);
  });

  it('fixed footer: a primary (filled) and a secondary button; the menu has the card actions, then the universal actions', () => {
    const card = CardService.newCardBuilder()
      .setHeader(CardService.newCardHeader().setTitle('Footer'))
      .addSection(CardService.newCardSection().addWidget(CardService.newTextParagraph().setText('x')))
      .addCardAction(CardService.newCardAction().setText('Reload').setOnClickAction(action('onReload')))
      .setFixedFooter(
        CardService.newFixedFooter()
          .setPrimaryButton(CardService.newTextButton().setText('Save').setOnClickAction(action('onSave')))
          .setSecondaryButton(CardService.newTextButton().setText('Skip').setOnClickAction(action('onSkip'))),
      )
      .build();
    const { html, ctx } = render(card);
    expect(html).toMatch(
      /<footer class="fixed-footer"><button class="button outlined" [^>]*value="0">Skip<\/button><button class="button filled" [^>]*value="1">Save<\/button><\/footer>/,
    );
    expect(html).toMatch(
      /<summary aria-label="More actions">⋮<\/summary><ul class="menu-items"><li><button type="submit" form="card-form" name="action" value="2">Reload<\/button><\/li><li><button type="submit" form="card-form" name="universal" value="0">Help<\/button><\/li><\/ul>/,
    );
    expect(ctx.actions.map((item) => item.functionName)).toEqual(['onSkip', 'onSave', 'onReload']);
  });

  it('the back arrow is a button named Back; the notification is in the role=status region; a failed execution is an alert', () => {
    const { html } = render(cardOf(CardService.newTextParagraph().setText('x')), {
      hasBack: true,
      notification: 'Session booked',
      error: 'Exception: Timeout',
    });
    expect(html).toContain('<button class="bar-button" type="submit" aria-label="Back">←</button>');
    expect(html).toContain('<div class="toast" role="status" aria-live="polite">Session booked</div>');
    expect(html).toMatch(
      /<div class="execution-error" role="alert"><p class="execution-error-title">The add-on could not load this card. Try again.<\/p><pre>Exception: Timeout<\/pre><\/div>/,
    );
  });
  it('an action’s setOpenLink is offered as a link (the script opens it in a new tab); a universal openLink action is a menu link', () => {
    const { html } = render(cardOf(CardService.newDivider()), {
      openLink: { url: 'https://help.together.test/a', openAs: 'OVERLAY', reloadOnClose: false },
      universalActions: [{ label: 'Open help', url: 'https://help.together.test/' }],
    });
    expect(html).toMatch(
      /<div class="open-link" role="region" aria-labelledby="open-link-title"><p id="open-link-title">The add-on opens a link in an overlay:<\/p><a href="https:\/\/help.together.test\/a" target="_blank" rel="noopener noreferrer" data-open-link="true">/,
    );
    expect(html).toContain('<li><a href="https://help.together.test/" target="_blank" rel="noopener noreferrer">Open help</a></li>');
    expect(html).not.toContain('data-reload-url');
  });
  it('an OnClose.RELOAD link names the trigger to run again (the script goes there once the window closes) and offers it as a link', () => {
    const { html } = render(cardOf(CardService.newDivider()), {
      openLink: { url: 'https://together.test/connect?code=x', openAs: 'OVERLAY', reloadOnClose: true },
    });
    expect(html).toContain('data-open-link="true" data-reload-url="/sidebar/home?user=ana%40acme.test"');
    expect(html).toContain(
      '<p class="reload-on-close">The add-on reloads when you close that window. <a href="/sidebar/home?user=ana%40acme.test">Reload the add-on now</a></p>',
    );
  });
});

describe('strict, as Google is', () => {
  it('refuses more than 100 sections, 100 widgets in a section, 100 selection items, a header without a title', () => {
    const tooMany = (count: number, add: (index: number) => void) => Array.from({ length: count }, (_, index) => add(index));
    const sections = CardService.newCardBuilder();
    tooMany(101, () => sections.addSection(CardService.newCardSection().addWidget(CardService.newDivider())));
    const widgets = CardService.newCardSection();
    tooMany(101, () => widgets.addWidget(CardService.newDivider()));
    const items = CardService.newSelectionInput().setFieldName('x').setTitle('x');
    tooMany(101, (index) => items.addItem(`item ${index}`, String(index), false));
    const cases: Array<[unknown, string]> = [
      [sections.build(), 'The card has 101 sections; Google allows 100'],
      [CardService.newCardBuilder().addSection(widgets).build(), 'A section has 101 widgets; Google allows 100'],
      [cardOf(items), 'A selection input has 101 items; Google allows 100'],
      [
        CardService.newCardBuilder()
          .setHeader(CardService.newCardHeader().setSubtitle('no title'))
          .addSection(CardService.newCardSection().addWidget(CardService.newDivider()))
          .build(),
        'A card header needs a title',
      ],
    ];
    for (const [card, reason] of cases) {
      const { html, ctx } = render(card);
      expect(html).toContain(`Google would refuse this card: ${reason}.`);
      expect(ctx.unsupported).toEqual([`refused: ${reason}`]);
    }
  });

  it('shows and reports a widget or property it does not draw, never drops it', () => {
    const columns = (CardService as unknown as { newColumns: () => GoogleAppsScript.Card_Service.Widget }).newColumns();
    const paragraph = CardService.newTextParagraph().setText('x') as unknown as {
      setMaxLines: (n: number) => GoogleAppsScript.Card_Service.Widget;
    };
    const { html, ctx } = render(cardOf(columns, paragraph.setMaxLines(2)));
    expect(html).toContain('<p class="unsupported" role="note">Not supported in the sandbox: Columns</p>');
    expect(html).toContain('<p class="unsupported" role="note">Not supported in the sandbox: TextParagraph.maxLines</p>');
    expect(ctx.unsupported).toEqual(['Columns', 'TextParagraph.maxLines']);
  });
});
