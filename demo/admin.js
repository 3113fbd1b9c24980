// @ts-check
// The moderation page: a plain ES module over the admin API (no build step). Every text the API returns
// goes in through textContent, never as HTML; the token stays in this tab's sessionStorage only.

const TOKEN_KEY = 'confab-admin-token';
const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (document.querySelector(sel));
const input = (/** @type {string} */ sel) =>
  /** @type {HTMLInputElement} */ (document.querySelector(sel));

const state = { status: 'pending', q: '', url: '', cursor: /** @type {string | null} */ (null) };

/** @param {string} text @param {boolean} [error] */
function say(text, error = false) {
  const el = $('#status');
  el.textContent = text;
  el.classList.toggle('error', error);
}

/**
 * The admin API with the token; throws the server's own message on any error answer.
 * @param {string} path @param {RequestInit} [init]
 */
async function api(path, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${sessionStorage.getItem(TOKEN_KEY) ?? ''}`);
  const res = await fetch(path, { ...init, headers });
  if (res.status === 401) signOut();
  if (!res.ok) {
    const body = await res.json().catch(() => null);
    const fields = body?.error?.fields
      ? ` (${Object.entries(body.error.fields)
          .map(([k, v]) => `${k}: ${v}`)
          .join('; ')})`
      : '';
    throw new Error(`${body?.error?.message ?? `The server answered ${res.status}.`}${fields}`);
  }
  return res;
}

/** @param {string} path @param {unknown} body @param {string} [method] */
const send = (path, body, method = 'POST') =>
  api(path, {
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => r.json());

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** @param {any} c */
function renderComment(c) {
  const tpl = /** @type {HTMLTemplateElement} */ ($('#comment-template'));
  const li = /** @type {HTMLLIElement} */ (
    /** @type {DocumentFragment} */ (tpl.content.cloneNode(true)).firstElementChild
  );
  li.dataset.id = String(c.id);
  const q = (/** @type {string} */ s) => /** @type {HTMLElement} */ (li.querySelector(s));
  /** @type {HTMLInputElement} */ (q('.pick')).setAttribute(
    'aria-label',
    `Select the comment by ${c.author.name || 'a deleted author'}`,
  );
  q('.author').textContent = c.author.name || '(no name)';
  q('.email').textContent = c.author.email ? `<${c.author.email}>` : '';
  const website = /** @type {HTMLAnchorElement} */ (q('.website'));
  if (c.author.website) {
    website.href = c.author.website;
    website.textContent = c.author.website;
  } else website.remove();
  const thread = /** @type {HTMLAnchorElement} */ (q('.thread'));
  thread.href = c.thread.url;
  thread.textContent = c.thread.title || c.thread.url;
  const time = q('time');
  time.setAttribute('datetime', c.createdAt);
  time.textContent = dateFormat.format(new Date(c.createdAt));
  const badge = q('.badge');
  badge.dataset.status = c.status;
  badge.textContent = c.status;
  q('.body').textContent = c.body || '(no words: a placeholder keeping its replies in place)';
  for (const b of li.querySelectorAll('[data-status]')) {
    /** @type {HTMLButtonElement} */ (b).disabled =
      /** @type {HTMLElement} */ (b).dataset.status === c.status;
  }
  return li;
}

/** @param {Record<string, number>} counts */
function showCounts(counts) {
  for (const [status, n] of Object.entries(counts)) {
    const el = document.querySelector(`[data-count="${status}"]`);
    if (el) el.textContent = `(${n})`;
  }
}

async function load(append = false) {
  const params = new URLSearchParams({ limit: '50' });
  if (state.status) params.set('status', state.status);
  if (state.q) params.set('q', state.q);
  if (state.url) params.set('url', state.url);
  if (append && state.cursor) params.set('cursor', state.cursor);
  const page = await (await api(`/api/admin/comments?${params}`)).json();
  const list = $('#comments');
  if (!append) list.replaceChildren();
  list.append(...page.comments.map(renderComment));
  state.cursor = page.nextCursor;
  $('#more').hidden = !page.nextCursor;
  input('#select-all').checked = false;
  showCounts(page.counts);
  if (!append) say(page.comments.length ? '' : 'Nothing here.');
}

async function loadWords() {
  const words = await (await api('/api/admin/settings')).json();
  /** @type {HTMLTextAreaElement} */ ($('#moderation-words')).value =
    words.moderationWords.join('\n');
  /** @type {HTMLTextAreaElement} */ ($('#block-words')).value = words.blockWords.join('\n');
}

/** Runs an action, reporting its outcome or its error in the status line. @param {() => Promise<unknown>} work */
async function act(work) {
  try {
    await work();
  } catch (e) {
    say(e instanceof Error ? e.message : String(e), true);
  }
}

function signOut() {
  sessionStorage.removeItem(TOKEN_KEY);
  $('#app').hidden = true;
  $('#logout').hidden = true;
  $('#login').hidden = false;
}

async function signIn() {
  // A cheap authenticated call first, so a wrong token is reported before anything is drawn.
  await api('/api/admin/stats');
  $('#login').hidden = true;
  $('#logout').hidden = false;
  $('#app').hidden = false;
  await Promise.all([load(), loadWords()]);
}

$('#login').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, input('#token').value.trim());
  input('#token').value = '';
  void act(signIn);
});

$('#logout').addEventListener('click', () => {
  signOut();
  say('Signed out.');
});

for (const tab of document.querySelectorAll('.tabs button')) {
  tab.addEventListener('click', () => {
    for (const t of document.querySelectorAll('.tabs button'))
      t.setAttribute('aria-pressed', String(t === tab));
    state.status = /** @type {HTMLElement} */ (tab).dataset.status ?? '';
    void act(() => load());
  });
}

$('#filter').addEventListener('submit', (e) => {
  e.preventDefault();
  state.q = input('#q').value.trim();
  state.url = input('#url').value.trim();
  void act(() => load());
});

$('#more').addEventListener('click', () => void act(() => load(true)));

$('#select-all').addEventListener('change', () => {
  /** @type {HTMLInputElement} */ for (const box of document.querySelectorAll('#comments .pick'))
    box.checked = input('#select-all').checked;
});

$('#comments').addEventListener('click', (e) => {
  const button = /** @type {HTMLElement} */ (e.target).closest('button');
  const li = button?.closest('li');
  if (!button || !li) return;
  const id = li.dataset.id;
  void act(async () => {
    let done;
    if (button.hasAttribute('data-erase')) {
      if (!confirm('Erase this comment for good? This cannot be undone.')) return;
      const { outcome } = await (
        await api(`/api/admin/comments/${id}`, { method: 'DELETE' })
      ).json();
      done = outcome === 'erased' ? 'Erased.' : 'It has replies: kept as an empty placeholder.';
    } else {
      await send(`/api/admin/comments/${id}`, { status: button.dataset.status }, 'PATCH');
      done = `Marked ${button.dataset.status}.`;
    }
    await load();
    say(done);
  });
});

$('#bulk').addEventListener('submit', (e) => {
  e.preventDefault();
  const ids = [...document.querySelectorAll('#comments .pick:checked')].map((box) =>
    Number(/** @type {HTMLElement} */ (box.closest('li')).dataset.id),
  );
  const action = /** @type {HTMLSelectElement} */ ($('#bulk-action')).value;
  if (ids.length === 0) return say('Select some comments first.', true);
  if (
    action === 'erase' &&
    !confirm(`Erase ${ids.length} comments for good? This cannot be undone.`)
  )
    return;
  void act(async () => {
    const { done } = await send('/api/admin/comments/bulk', { ids, action });
    await load();
    say(`Done for ${done.length} comments.`);
  });
});

$('#words').addEventListener('submit', (e) => {
  e.preventDefault();
  const lines = (/** @type {string} */ sel) =>
    /** @type {HTMLTextAreaElement} */ ($(sel)).value
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
  void act(async () => {
    await send(
      '/api/admin/settings',
      { moderationWords: lines('#moderation-words'), blockWords: lines('#block-words') },
      'PUT',
    );
    await loadWords();
    say('Word lists saved.');
  });
});

$('#export').addEventListener(
  'click',
  () =>
    void act(async () => {
      const res = await api('/api/admin/export');
      const name =
        /filename="([^"]+)"/.exec(res.headers.get('Content-Disposition') ?? '')?.[1] ??
        'confab-export.json';
      const link = document.createElement('a');
      link.href = URL.createObjectURL(await res.blob());
      link.download = name;
      link.click();
      URL.revokeObjectURL(link.href);
    }),
);

$('#import').addEventListener('submit', (e) => {
  e.preventDefault();
  const file = input('#import-file').files?.[0];
  const format = /** @type {HTMLSelectElement} */ ($('#import-format')).value;
  if (!file) return;
  void act(async () => {
    const type = format === 'wxr' ? 'application/xml' : 'application/json';
    const result = await (
      await api(`/api/admin/import?format=${format}`, {
        method: 'POST',
        headers: { 'Content-Type': type },
        body: file,
      })
    ).json();
    await load();
    say(
      `Imported ${result.comments.imported} comments (${result.comments.skipped} were already there).`,
    );
  });
});

if (sessionStorage.getItem(TOKEN_KEY)) void act(signIn);
