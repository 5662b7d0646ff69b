/**
 * Keyboard checks from /work/shared/design/PAGES.md's accessibility checklist: reach things with Tab, see
 * where focus is (WCAG 2.4.7, 1.4.11: an indicator of at least 3:1) and that nothing covers it (2.4.11).
 */
import type { Page } from 'playwright-core';

/** The element that has focus, as a screen reader names it (Playwright's accessibility tree). */
export interface FocusedElement {
  /** Lowercase tag name; `body` when nothing is focused. */
  tag: string;
  /** ARIA role (`button`, `link`, `textbox`, …); empty when nothing is focused. */
  role: string;
  /** Accessible name. */
  name: string;
  /** Its text, whitespace collapsed, at most 200 characters. */
  text: string;
}

export async function focusedElement(page: Page): Promise<FocusedElement> {
  const element = await page.evaluate(() => {
    const active = document.activeElement;
    if (!active || active === document.body || active === document.documentElement) return null;
    return { tag: active.tagName.toLowerCase(), text: (active.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 200) };
  });
  if (!element) return { tag: 'body', role: '', name: '', text: '' };
  // The first line of the snapshot is the element itself: `- button "Set Up"`, `- textbox "Email": typed`.
  const firstLine = (await page.locator(':focus').first().ariaSnapshot()).split('\n')[0] ?? '';
  const match = /^- ([\w-]+)(?: ("(?:[^"\\]|\\.)*"))?/.exec(firstLine);
  return { ...element, role: match?.[1] ?? '', name: match?.[2] ? (JSON.parse(match[2]) as string) : '' };
}

/** `button "Set Up"`, for messages. */
export function describeFocused(element: FocusedElement): string {
  return element.tag === 'body' ? 'nothing (the page body)' : `${element.role || element.tag} "${element.name || element.text}"`;
}

/**
 * Presses Tab (Shift+Tab with `backwards`) until the focused element matches, and returns it; fails after
 * `maxPresses`, listing every stop it passed.
 */
export async function tabUntil(
  page: Page,
  predicate: (element: FocusedElement) => boolean,
  options: { maxPresses?: number; backwards?: boolean } = {},
): Promise<FocusedElement> {
  const maxPresses = options.maxPresses ?? 40;
  const stops: string[] = [];
  for (let press = 1; press <= maxPresses; press++) {
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
    const element = await focusedElement(page);
    if (predicate(element)) return element;
    stops.push(`${press}. ${describeFocused(element)}`);
  }
  throw new Error(`${maxPresses} presses of Tab did not reach the element on ${page.url()}; the stops were:\n${stops.join('\n')}`);
}

type Rgba = [number, number, number, number];

/** What the page computes for the focused element's indicator; colours as RGBA through a canvas, whatever CSS syntax. */
interface FocusStyle {
  focusVisible: boolean;
  outline: { style: string; widthPx: number; color: Rgba | null };
  shadows: Array<{ color: Rgba | null; extentPx: number; css: string }>;
  /** The backgrounds behind the element, innermost first, up to the first opaque one. */
  backgrounds: Rgba[];
}

/** Fails unless the focused element matches `:focus-visible` and has an outline or box-shadow of at least 3:1 against what is behind it. */
export async function assertFocusVisible(page: Page): Promise<void> {
  const who = describeFocused(await focusedElement(page));
  const style = await page.evaluate((): FocusStyle | null => {
    const element = document.activeElement;
    if (!element || element === document.body) return null;
    const context = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
    const rgba = (css: string): Rgba | null => {
      context.fillStyle = '#010203';
      context.fillStyle = css;
      if (context.fillStyle === '#010203' && css.replace(/\s/g, '') !== 'rgb(1,2,3)') return null;
      context.clearRect(0, 0, 1, 1);
      context.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const computed = getComputedStyle(element);
    const shadows =
      computed.boxShadow === 'none'
        ? []
        : computed.boxShadow.split(/,(?![^(]*\))/).map((css) => {
            const color = /[a-z-]+\([^)]*\)|#[0-9a-f]+|\b(?!inset\b)[a-z]+\b/i.exec(css)?.[0] ?? 'currentcolor';
            const lengths = [...css.matchAll(/(-?[\d.]+)px/g)].map((m) => Math.abs(Number(m[1])));
            return { color: rgba(color === 'currentcolor' ? computed.color : color), extentPx: Math.max(0, ...lengths), css: css.trim() };
          });
    const backgrounds: Rgba[] = [];
    for (let node = element.parentElement; node; node = node.parentElement) {
      const background = rgba(getComputedStyle(node).backgroundColor);
      if (background && background[3] > 0) backgrounds.push(background);
      if (background && background[3] === 1) break;
    }
    return {
      focusVisible: element.matches(':focus-visible'),
      outline: { style: computed.outlineStyle, widthPx: parseFloat(computed.outlineWidth) || 0, color: rgba(computed.outlineColor) },
      shadows,
      backgrounds,
    };
  });
  if (!style) throw new Error(`nothing has focus on ${page.url()}`);
  if (!style.focusVisible) throw new Error(`${who} has focus but does not match :focus-visible (was it focused by the keyboard?)`);
  const background = composite([...style.backgrounds].reverse(), [255, 255, 255]);
  const indicators = [
    ...(style.outline.style !== 'none' && style.outline.widthPx > 0 && style.outline.color
      ? [{ what: `outline ${style.outline.style} ${style.outline.widthPx}px`, color: style.outline.color }]
      : []),
    ...style.shadows.filter((s) => s.extentPx > 0 && s.color).map((s) => ({ what: `box-shadow ${s.css}`, color: s.color! })),
  ].map((indicator) => ({ ...indicator, ratio: contrastRatio(composite([indicator.color], background), background) }));
  if (indicators.some((indicator) => indicator.ratio >= 3)) return;
  const found = indicators.map((i) => `${i.what} at ${i.ratio.toFixed(2)}:1`).join('; ') || 'no outline and no box-shadow';
  throw new Error(`${who} on ${page.url()} has no focus indicator of 3:1 against rgb(${background.join(', ')}): ${found}`);
}

/** Fails unless `elementFromPoint` at the centre of the focused element is it or inside it (not under a sticky header, a footer…). */
export async function assertNotObscured(page: Page): Promise<void> {
  const who = describeFocused(await focusedElement(page));
  const problem = await page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'nothing has focus';
    const box = element.getBoundingClientRect();
    const [x, y] = [box.left + box.width / 2, box.top + box.height / 2];
    if (box.width === 0 || box.height === 0) return `it has no size (${box.width}×${box.height})`;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight)
      return `its centre (${x}, ${y}) is outside the ${innerWidth}×${innerHeight} viewport`;
    const hit = document.elementFromPoint(x, y);
    if (hit && (hit === element || element.contains(hit))) return null;
    const name = hit
      ? `<${hit.tagName.toLowerCase()}${hit.id ? `#${hit.id}` : ''}${hit.classList.length ? `.${[...hit.classList].join('.')}` : ''}>`
      : 'nothing';
    return `its centre (${Math.round(x)}, ${Math.round(y)}) shows ${name}`;
  });
  if (problem) throw new Error(`${who} on ${page.url()} is obscured: ${problem}`);
}

/** Paints the layers (bottom first) over an opaque colour. */
function composite(layers: Rgba[], base: [number, number, number]): [number, number, number] {
  return layers.reduce<[number, number, number]>(
    (under, [r, g, b, a]) =>
      [r * a + under[0] * (1 - a), g * a + under[1] * (1 - a), b * a + under[2] * (1 - a)].map(Math.round) as [number, number, number],
    base,
  );
}

/** WCAG 2.x contrast ratio of two opaque sRGB colours. */
export function contrastRatio(first: [number, number, number], second: [number, number, number]): number {
  const luminance = (rgb: [number, number, number]) => {
    const [r, g, b] = rgb.map((channel) => {
      const c = channel / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [light, dark] = [luminance(first), luminance(second)].sort((a, b) => b - a);
  return (light! + 0.05) / (dark! + 0.05);
}
