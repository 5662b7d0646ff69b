// The API reference page: Scalar's standalone bundle (served by this backend, no CDN) renders /openapi.json.
/* global Scalar */
Scalar.createApiReference('#reference', {
  url: '/openapi.json',
  // Nothing leaves the page: no web fonts, no telemetry, no proxy (the CSP would refuse them anyway).
  withDefaultFonts: false,
  telemetry: false,
  hideClientButton: true,
  showDeveloperTools: 'never',
  // Its "Ask AI" chat is Scalar's hosted service.
  agent: { disabled: true },
});
