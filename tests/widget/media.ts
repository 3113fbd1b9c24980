/**
 * Whether the runner can emulate a reader's media preferences (reduced motion, dark scheme) in this engine.
 * Only Chromium can, through its DevTools protocol: Firefox's WebDriver BiDi and WebKit's WebDriver have
 * no such command, so there the tests check what the engine can show without it, and say so.
 */
export const CAN_EMULATE_MEDIA = /\bChrome\//.test(navigator.userAgent);

/** The style rules `root` applies under the media query `condition`, e.g. `prefers-reduced-motion: reduce`. */
export function rulesUnder(root: ShadowRoot, condition: string): CSSStyleRule[] {
  const sheets = [
    ...root.adoptedStyleSheets,
    ...[...root.querySelectorAll('style')].map((s) => s.sheet!),
  ];
  return sheets
    .flatMap((sheet) => [...sheet.cssRules])
    .filter(
      (r): r is CSSMediaRule => r instanceof CSSMediaRule && r.media.mediaText.includes(condition),
    )
    .flatMap((r) => [...r.cssRules])
    .filter((r): r is CSSStyleRule => r instanceof CSSStyleRule);
}
