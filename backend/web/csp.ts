/** A page's Content-Security-Policy: only this server's own assets; `extra` adds directives (form targets, frames) and sources. */
export function ownAssetsCsp(
  extra: { formAction?: string; frameSrc?: string; styleSrc?: string; imgSrc?: string; fontSrc?: string } = {},
): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    `style-src 'self'${extra.styleSrc ? ` ${extra.styleSrc}` : ''}`,
    `img-src 'self' data:${extra.imgSrc ? ` ${extra.imgSrc}` : ''}`,
    ...(extra.fontSrc ? [`font-src 'self' ${extra.fontSrc}`] : []),
    "connect-src 'self'",
    `form-action 'self'${extra.formAction ? ` ${extra.formAction}` : ''}`,
    ...(extra.frameSrc ? [`frame-src ${extra.frameSrc}`] : []),
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
  ].join('; ');
}
