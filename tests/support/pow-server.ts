/**
 * CONFAB_MIN_SUBMIT_SECONDS of the widget suite's proof-of-work server: longer than the default, so the
 * tests prove the widget waits out what the server's challenges state rather than a fixed time.
 */
export const POW_MIN_SUBMIT_SECONDS = 5;
