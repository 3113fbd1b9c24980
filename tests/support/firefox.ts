/** The system's Firefox ESR (`apt-get install firefox-esr`), never a downloaded one. */
export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Off the (closed) network and English, like CHROMIUM_ARGS. */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'intl.accept_languages': 'en-US',
  'intl.locale.requested': 'en-US',
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'network.captive-portal-service.enabled': false,
};
