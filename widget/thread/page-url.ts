/** The thread's address: `page`, else the canonical link, else this page, without the fragment. */
export function pageUrl(page: string | undefined): string {
  const canonical = document.querySelector<HTMLLinkElement>('link[rel="canonical"]')?.href;
  try {
    const url = new URL(page || canonical || location.href, document.baseURI);
    url.hash = '';
    return url.href;
  } catch {
    // Let the server say what is wrong with it: the reader then sees the load error.
    return page ?? '';
  }
}
