import { adoptStyles, type CSSResultOrNative, type ReactiveElement } from 'lit';

/** Adds styles that load with a chunk to an element's own, in its shadow root. */
export function addStyles(el: ReactiveElement, styles: CSSResultOrNative[]) {
  adoptStyles(el.renderRoot as ShadowRoot, [
    ...(el.constructor as typeof ReactiveElement).elementStyles,
    ...styles,
  ]);
}
