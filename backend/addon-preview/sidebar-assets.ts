/**
 * The sidebar's stylesheet and its one small script, served by the router (strings, so the compiled
 * backend needs no copy step). Every size and color here is APPROXIMATE: Google publishes none for
 * card add-ons; these are Material 3 web tokens (/work/shared/design/PAGES.md › "What we approximate").
 */
export const SIDEBAR_CSS = `
/* Approximate: 300 px sidebar (our choice), Roboto then Arial, Material 3 type scale and colors. */
* { box-sizing: border-box; }
html, body { margin: 0; background: #fff; color: #1f1f1f; font: 14px/20px Roboto, Arial, sans-serif; }
.sidebar { width: 100%; max-width: 300px; min-height: 100vh; display: flex; flex-direction: column; position: relative; overflow-x: hidden; }
.addon-bar { display: flex; align-items: center; gap: 4px; padding: 8px 8px 8px 12px; border-bottom: 1px solid #c4c7c5; }
.addon-bar form { margin: 0; }
.addon-name { font-weight: 500; flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.preview-strip { margin: 0; padding: 4px 12px; font-size: 12px; line-height: 16px; color: #444746; background: #fef7e0; border-bottom: 1px solid #e3e3e3; }
.preview-tag { font-size: 12px; line-height: 16px; padding: 2px 8px; border-radius: 8px; background: #fef7e0; color: #5c3c00; border: 1px solid #b06000; white-space: nowrap; }
.bar-button, .menu > summary { min-width: 32px; min-height: 32px; display: inline-flex; align-items: center; justify-content: center; border: 0; border-radius: 16px; background: transparent; color: #444746; font-size: 18px; cursor: pointer; text-decoration: none; list-style: none; }
.menu { position: relative; }
.menu > summary::-webkit-details-marker { display: none; }
.menu-items { position: absolute; right: 0; top: 36px; z-index: 3; margin: 0; padding: 8px 0; list-style: none; background: #fff; border-radius: 4px; box-shadow: 0 2px 6px rgba(0,0,0,.3); min-width: 160px; }
.menu-items button, .menu-items a { display: block; width: 100%; min-height: 40px; padding: 10px 16px; border: 0; background: none; text-align: left; font: inherit; color: #1f1f1f; cursor: pointer; text-decoration: none; }
main { flex: 1; }
main > form { margin: 0; }
.card-header { display: flex; gap: 12px; align-items: center; padding: 16px 16px 8px; }
.card-header > div { min-width: 0; }
.card-title:focus { outline: none; }
.card-title { font-size: 16px; line-height: 24px; font-weight: 500; margin: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.card-header.two-lines .card-title { white-space: normal; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; }
.card-subtitle, .top-label, .bottom-label, .hint { font-size: 12px; line-height: 16px; color: #444746; margin: 0; }
.card-subtitle { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.header-image { width: 40px; height: 40px; object-fit: cover; }
.header-image.circle { border-radius: 50%; }
.section { padding: 8px 16px 12px; border-top: 1px solid #e3e3e3; }
.section.first { border-top: 0; }
.section-header { font-size: 14px; line-height: 20px; font-weight: 500; color: #444746; margin: 4px 0 8px; }
.widget { margin: 8px 0; }
.paragraph { margin: 8px 0; overflow-wrap: anywhere; }
.decorated { display: flex; align-items: center; gap: 12px; min-height: 40px; }
.decorated-body { display: flex; flex-direction: column; min-width: 0; flex: 1; }
.decorated-click { display: flex; flex: 1; min-width: 0; padding: 4px 0; border: 0; background: none; font: inherit; color: inherit; text-align: left; cursor: pointer; text-decoration: none; border-radius: 4px; }
.top-label { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.decorated-text { overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.decorated-text.wrap { white-space: normal; overflow-wrap: anywhere; }
.icon { width: 24px; height: 24px; flex: none; display: inline-flex; align-items: center; justify-content: center; color: #444746; }
.button-set { display: flex; flex-wrap: wrap; gap: 8px; }
.button { min-height: 40px; padding: 10px 24px; border-radius: 20px; font: 500 14px/20px Roboto, Arial, sans-serif; cursor: pointer; text-decoration: none; display: inline-flex; align-items: center; justify-content: center; white-space: nowrap; flex: none; }
.button.outlined { background: #fff; color: #0b57d0; border: 1px solid #747775; }
.button.filled { background: #0b57d0; color: #fff; border: 0; }
.button.tonal { background: #d3e3fd; color: #041e49; border: 0; }
.button.borderless { background: transparent; color: #0b57d0; border: 0; padding: 10px 12px; }
.button:disabled { background: #e3e3e3; color: #5f6368; border-color: #e3e3e3; cursor: default; }
.icon-button { min-width: 40px; min-height: 40px; border-radius: 20px; border: 0; background: transparent; }
.field label, .choices legend { display: block; font-size: 12px; line-height: 16px; color: #444746; margin-bottom: 4px; }
.field input, .field textarea, .field select { width: 100%; min-height: 40px; padding: 8px 12px; border: 1px solid #747775; border-radius: 4px; font: inherit; color: inherit; background: #fff; }
.hint { margin-top: 4px; }
.choices { border: 0; padding: 0; }
.choice { display: flex; align-items: center; gap: 8px; min-height: 32px; }
.choice input, .checkbox, .switch { width: 20px; height: 20px; margin: 0; }
.grid-items { display: grid; gap: 8px; margin: 0; padding: 0; list-style: none; }
.grid-item { display: flex; flex-direction: column; padding: 4px; }
.grid-item img, .image { max-width: 100%; }
.divider { border: 0; border-top: 1px solid #e3e3e3; }
details.collapsed > summary { list-style: none; cursor: pointer; color: #0b57d0; font-weight: 500; min-height: 32px; display: flex; align-items: center; }
details.collapsed > summary::-webkit-details-marker { display: none; }
details.collapsed .less, details.collapsed[open] .more { display: none; }
details.collapsed[open] .less { display: inline; }
.fixed-footer { position: sticky; bottom: 0; display: flex; justify-content: flex-end; gap: 8px; padding: 12px 16px; background: #fff; box-shadow: 0 -1px 3px rgba(0,0,0,.15); }
.unsupported { margin: 8px 16px; padding: 8px; border: 2px dashed #b3261e; color: #8c1d18; background: #fceeee; font-size: 12px; line-height: 16px; }
.execution-error { margin: 16px; padding: 12px; border-left: 4px solid #b3261e; }
.sr-heading { padding: 16px 16px 0; }
.execution-error-title { margin: 0; color: #8c1d18; font-weight: 500; }
.execution-error pre { white-space: pre-wrap; overflow-wrap: anywhere; font-size: 12px; color: #8c1d18; }
.open-link { margin: 8px 16px; padding: 12px; border: 1px solid #747775; border-radius: 8px; overflow-wrap: anywhere; }
.open-link p { margin: 0 0 4px; }
.open-link .reload-on-close { margin: 8px 0 0; }
/* Approximate: a dark snackbar at the bottom for about 4 s. */
.toast { position: sticky; bottom: 8px; margin: 0 8px; padding: 0 16px; border-radius: 4px; background: #303030; color: #f2f2f2; }
.toast:not(:empty) { padding: 14px 16px; }
.toast.gone { visibility: hidden; }
a { color: #0b57d0; }
:focus-visible { outline: 2px solid #0b57d0; outline-offset: 2px; }
`;

/** Focus, toast and the Calendar page's refresh; the sidebar works without it. */
export const SIDEBAR_JS = `
(function () {
  var body = document.body;
  if (body.dataset.changed === 'true') {
    var heading = document.getElementById('card-title');
    if (heading) heading.focus();
    if (window.parent !== window) window.parent.postMessage({ type: 'together-sidebar-changed' }, location.origin);
  }
  var toast = document.querySelector('.toast');
  if (toast && toast.textContent.trim()) setTimeout(function () { toast.classList.add('gone'); }, 4000);
  var link = document.querySelector('[data-open-link]');
  if (link && body.dataset.changed === 'true') {
    var reload = link.dataset.reloadUrl;
    if (!reload) {
      window.open(link.href, '_blank', 'noopener');
    } else {
      // OnClose.RELOAD: the window is kept to see it close (so no 'noopener'), but cut off from this page first.
      var opened = window.open('', '_blank');
      if (opened) {
        opened.opener = null;
        opened.location.href = link.href;
        var watch = setInterval(function () {
          if (opened.closed) { clearInterval(watch); location.href = reload; }
        }, 500);
      }
    }
  }
})();
`;
