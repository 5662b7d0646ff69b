/**
 * The HTML a card's text may hold, as Google allows it in card text (decorated text, text
 * paragraphs): <b>, <i>, <u>, <s>, <font color>, <a href>, <br>. Those are rebuilt from what
 * was parsed (only a color and an http(s)/mailto link survive as attributes); every other tag, a
 * stray "<" and a bare "&" come out as text. Entities already in the text (&amp; &lt; &#39; …) stay.
 */
const TAG = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z-]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>"']+))?)*)\s*(\/?)>/g;
const ATTRIBUTE = /([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g;
const SIMPLE = new Set(['b', 'i', 'u', 's']);
const COLOR = /^(#[0-9a-fA-F]{3}|#[0-9a-fA-F]{6}|[a-zA-Z]{3,20})$/;
const LINK = /^(https?:\/\/|mailto:)[^\s"'<>]+$/;

const escapeText = (text: string) =>
  text
    .replace(/&(?!(?:[a-zA-Z]{2,8}|#\d{1,7}|#x[0-9a-fA-F]{1,6});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

function attributesOf(text: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of text.matchAll(ATTRIBUTE)) found[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? match[4] ?? '';
  return found;
}

/** An opening tag Google allows, rebuilt; undefined when it is not one. */
function openingTag(name: string, attributes: Record<string, string>): string | undefined {
  if (SIMPLE.has(name)) return `<${name}>`;
  if (name === 'font') return COLOR.test(attributes.color ?? '') ? `<font color="${escapeAttribute(attributes.color!)}">` : '<font>';
  const href = attributes.href?.replace(/&amp;/g, '&');
  if (name === 'a' && href && LINK.test(href)) return `<a href="${escapeAttribute(href)}" target="_blank" rel="noopener noreferrer">`;
  return undefined;
}

/** Card text → safe HTML of the allowed subset; every tag opened is closed. */
export function cardTextHtml(text: string): string {
  const open: string[] = [];
  let html = '';
  let last = 0;
  for (const match of text.matchAll(TAG)) {
    html += escapeText(text.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, closing, rawName, rawAttributes] = match;
    const name = rawName!.toLowerCase();
    if (name === 'br' && !closing) html += '<br>';
    else if (closing && open.includes(name)) {
      // Closes the inner ones too: the output stays well nested.
      while (open.length) {
        const inner = open.pop()!;
        html += `</${inner}>`;
        if (inner === name) break;
      }
    } else {
      const tag = closing ? undefined : openingTag(name, attributesOf(rawAttributes ?? ''));
      if (tag) {
        html += tag;
        open.push(name);
      } else html += escapeText(whole);
    }
  }
  html += escapeText(text.slice(last));
  return (
    html +
    open
      .reverse()
      .map((name) => `</${name}>`)
      .join('')
  );
}
