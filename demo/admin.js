// @ts-check
// The moderation page: a plain ES module over the admin API (no build step). Every text the API returns
// goes in through textContent, never as HTML; the token stays in this tab's sessionStorage only.

const TOKEN_KEY = 'confab-admin-token';
/** The moderator's name, said with each ban they set. */
const NAME_KEY = 'confab-admin-name';
const $ = (/** @type {string} */ sel) => /** @type {HTMLElement} */ (document.querySelector(sel));
const input = (/** @type {string} */ sel) =>
  /** @type {HTMLInputElement} */ (document.querySelector(sel));

const state = {
  status: 'pending',
  q: '',
  url: '',
  cursor: /** @type {string | null} */ (null),
  /** The site the server admin picked; empty for every site (a site's own token always has its own). */
  site: '',
};

/** A path with the picked site added to its query. @param {string} path */
function forSite(path) {
  if (!state.site) return path;
  return `${path}${path.includes('?') ? '&' : '?'}site=${encodeURIComponent(state.site)}`;
}

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
  li.dataset.email = c.author.email;
  li.dataset.threadUrl = c.thread.url;
  li.dataset.threadTitle = c.thread.title ?? '';
  li.dataset.featured = String(c.featured);
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
  q('.marks').textContent = [
    c.staff && 'staff reply',
    c.featured && 'featured',
    c.likes && `${c.likes} ${c.likes === 1 ? 'like' : 'likes'}`,
  ]
    .filter(Boolean)
    .join(' · ');
  q('.body').textContent = c.body || '(no words: a placeholder keeping its replies in place)';
  q('[data-feature]').textContent = c.featured ? 'Unfeature' : 'Feature';
  // Staff replies and erased authors have no address to ban.
  /** @type {HTMLButtonElement} */ (q('[data-ban="email"]')).disabled = !c.author.email;
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
  if (state.site) params.set('site', state.site);
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

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

/** @param {any} b */
function renderBan(b) {
  const row = document.createElement('tr');
  const who = b.kind === 'email' ? b.email : `the address of comment ${b.commentId}`;
  for (const text of [
    who,
    b.reason,
    b.createdBy,
    dayFormat.format(new Date(b.createdAt)),
    b.expiresAt ? dayFormat.format(new Date(b.expiresAt)) : 'for good',
  ]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    row.append(cell);
  }
  const lift = document.createElement('button');
  lift.type = 'button';
  lift.dataset.lift = String(b.id);
  lift.textContent = 'Lift';
  lift.setAttribute('aria-label', `Lift the ban on ${who}`);
  const cell = document.createElement('td');
  cell.append(lift);
  row.append(cell);
  return row;
}

async function loadBans() {
  const { bans } = await (await api('/api/admin/bans')).json();
  $('#bans').replaceChildren(...bans.map(renderBan));
}

async function loadWords() {
  const words = await (await api(forSite('/api/admin/settings'))).json();
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
  // The next token may be a site's own, which may not ask for the site picked here.
  state.site = '';
  /** @type {HTMLSelectElement} */ ($('#site')).value = '';
  $('#app').hidden = true;
  $('#logout').hidden = true;
  $('#login').hidden = false;
}

/** The server admin picks a site; a site's own token sees only its own, and no picker. */
async function loadSites() {
  const { sites } = await (await api('/api/admin/sites')).json();
  const select = /** @type {HTMLSelectElement} */ ($('#site'));
  select.replaceChildren(select.options[0] ?? new Option('All sites', ''));
  for (const s of sites) select.append(new Option(`${s.name} (${s.id})`, s.id));
  $('#site-picker').hidden = sites.length < 2;
}

async function signIn() {
  // A cheap authenticated call first, so a wrong token is reported before anything is drawn.
  await api('/api/admin/stats');
  $('#login').hidden = true;
  $('#logout').hidden = false;
  $('#app').hidden = false;
  input('#ban-by').value = sessionStorage.getItem(NAME_KEY) ?? '';
  await Promise.all([load(), loadWords(), loadBans().catch(() => {}), loadSites()]);
}

$('#login').addEventListener('submit', (e) => {
  e.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, input('#token').value.trim());
  input('#token').value = '';
  void act(signIn);
});

$('#site').addEventListener('change', () => {
  state.site = /** @type {HTMLSelectElement} */ ($('#site')).value;
  state.cursor = null;
  void act(() => Promise.all([load(), loadWords()]));
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
  if (button.hasAttribute('data-staff-reply')) {
    const form = /** @type {HTMLFormElement} */ (li.querySelector('.staff-reply'));
    form.hidden = !form.hidden;
    button.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) /** @type {HTMLElement} */ (form.querySelector('textarea')).focus();
    return;
  }
  if (button.hasAttribute('data-manage-thread')) {
    input('#thread-url').value = li.dataset.threadUrl ?? '';
    input('#thread-name').value = li.dataset.threadTitle ?? '';
    input('#thread-name').focus();
    return;
  }
  if (button.dataset.ban) {
    const byEmail = button.dataset.ban === 'email';
    input('#ban-email').value = byEmail ? (li.dataset.email ?? '') : '';
    input('#ban-comment').value = byEmail ? '' : (id ?? '');
    input('#ban-reason').focus();
    return;
  }
  // The staff reply's own button submits its form: that is the submit handler's.
  if (button.type === 'submit') return;
  void act(async () => {
    let done;
    if (button.hasAttribute('data-feature')) {
      const featured = li.dataset.featured !== 'true';
      await send(`/api/admin/comments/${id}`, { featured }, 'PATCH');
      done = featured ? 'Featured.' : 'No longer featured.';
    } else if (button.hasAttribute('data-erase')) {
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

$('#comments').addEventListener('submit', (e) => {
  const form = /** @type {HTMLElement} */ (e.target).closest('form.staff-reply');
  const li = form?.closest('li');
  if (!form || !li) return;
  e.preventDefault();
  const body = /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value;
  void act(async () => {
    await send('/api/admin/comments', { parentId: Number(li.dataset.id), body });
    await load();
    say('Staff reply posted.');
  });
});

$('#thread').addEventListener('submit', (e) => {
  e.preventDefault();
  const what = /** @type {HTMLElement | null} */ (/** @type {SubmitEvent} */ (e).submitter)?.dataset
    .thread;
  const title = input('#thread-name').value.trim();
  /** @type {Record<string, unknown>} */
  const change =
    what === 'title'
      ? { title: title || null }
      : { closed: what === 'close' ? true : what === 'open' ? false : null };
  const url = encodeURIComponent(input('#thread-url').value.trim());
  void act(async () => {
    const thread = await send(`/api/admin/threads?url=${url}`, change, 'PATCH');
    if (what === 'title')
      say(thread.titleLocked ? `Title set: ${thread.title}` : 'Posts may change the title again.');
    else say(`The thread is ${thread.closed ? 'closed' : 'open'}.`);
  });
});

$('#ban').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = (/** @type {string} */ sel) => input(sel).value.trim();
  const by = value('#ban-by');
  sessionStorage.setItem(NAME_KEY, by);
  /** @type {Record<string, unknown>} */
  const ban = { reason: value('#ban-reason') };
  if (value('#ban-email')) ban.email = value('#ban-email');
  if (value('#ban-comment')) ban.commentId = Number(value('#ban-comment'));
  if (value('#ban-days')) ban.days = Number(value('#ban-days'));
  if (by) ban.by = by;
  void act(async () => {
    await send('/api/admin/bans', ban);
    for (const sel of ['#ban-email', '#ban-comment', '#ban-reason', '#ban-days'])
      input(sel).value = '';
    await loadBans();
    say('Banned.');
  });
});

$('#bans').addEventListener('click', (e) => {
  const button = /** @type {HTMLElement} */ (e.target).closest('button');
  if (!button?.dataset.lift) return;
  void act(async () => {
    await api(`/api/admin/bans/${button.dataset.lift}`, { method: 'DELETE' });
    await loadBans();
    say('Ban lifted.');
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
      forSite('/api/admin/settings'),
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
      const res = await api(forSite('/api/admin/export'));
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
      await api(forSite(`/api/admin/import?format=${format}`), {
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
