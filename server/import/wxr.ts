import { decodeHTML } from 'entities';
import { DomainError } from '../domain/errors.js';
import type { ImportRefusalReason } from '../schema/export.js';
import type { CommentStatus } from '../schema/index.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import type { SourceComment, SourceSink } from './source.js';
import { authorEmail, authorName, authorWebsite, bodyFrom } from './source-fields.js';
import { readXml, type XmlSource } from './xml-stream.js';

/** WordPress's comment_approved values; trash and the comments of trashed posts are refused. */
const STATUS: Record<string, CommentStatus | 'trashed'> = {
  '1': 'approved',
  '0': 'pending',
  spam: 'spam',
  trash: 'trashed',
  'post-trashed': 'trashed',
};

const WHAT = 'a WordPress export (WXR) file';
/** WXR 1.0 to 1.2 each have a namespace of their own under this (http or https, as exporters wrote it). */
const isWp = (uri: string) => /^https?:\/\/wordpress\.org\/export\//.test(uri);

/** WXR dates are "YYYY-MM-DD HH:MM:SS"; the _gmt ones are UTC, and WordPress writes zeros when unknown. */
function wpDate(gmt: string | undefined, local: string | undefined): number | null {
  for (const raw of [gmt, local]) {
    const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec((raw ?? '').trim());
    if (m && m[1] !== '0000') return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  }
  return null;
}

/**
 * WordPress keeps a comment as typed, with newlines, and adds paragraphs and line breaks only when it
 * shows it (wpautop). The same here, before the HTML becomes Markdown; <pre> keeps its lines.
 */
export function wpAutop(text: string): string {
  const parts = text.replace(/\r\n?/g, '\n').split(/(<pre[\s>][\s\S]*?<\/pre>)/i);
  const blocks =
    /\s*(<\/?(?:address|article|aside|blockquote|dd|div|dl|dt|figure|h[1-6]|hr|li|ol|p|pre|section|table|tbody|td|tfoot|th|thead|tr|ul)\b[^>]*>)\s*/gi;
  const html = parts
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(blocks, '$1')
            .replace(/[ \t]*\n[ \t]*/g, '\n')
            .replace(/\n{2,}/g, '</p><p>')
            .replace(/\n/g, '<br>'),
    )
    .join('');
  return `<p>${html}</p>`;
}

interface OpenComment {
  line: number;
  fields: Map<string, string>;
}

interface OpenItem {
  /** Its place among the file's items. */
  index: number;
  line: number;
  title: string;
  link: string;
  comments: number;
}

/**
 * Reads a WordPress export (WXR) as a stream, handing each comment and each post or page with comments to
 * `sink` as it ends, so a file of any size costs the memory of one comment: a post becomes a thread keyed
 * by its permalink, its comments keep their WordPress ids and nesting. Pingbacks, trackbacks, trashed
 * comments and comments without a date are refused and counted.
 */
export async function readWxr(source: XmlSource, sink: SourceSink): Promise<void> {
  let sawChannel = false;
  let item: OpenItem | null = null;
  let items = 0;
  let comment: OpenComment | null = null;

  await readXml(
    source,
    {
      open(el) {
        const depth = el.path.length;
        if (depth === 0 && (el.local !== 'rss' || el.uri !== ''))
          throw new DomainError(
            'invalid_request',
            `The file is XML but not a WordPress export: it starts with <${el.local}>, not <rss> (line ${el.line}).`,
            { body: `must be ${WHAT}` },
          );
        if (depth === 1 && el.local === 'channel') sawChannel = true;
        if (depth === 2 && el.local === 'item' && el.uri === '')
          item = { index: items++, line: el.line, title: '', link: '', comments: 0 };
        if (item && depth === 3 && el.local === 'comment' && isWp(el.uri))
          comment = { line: el.line, fields: new Map() };
        return (item !== null && depth === 3 && el.uri === '') || (comment !== null && depth === 4);
      },
      close(el, text) {
        const depth = el.path.length;
        if (comment && depth === 4 && isWp(el.uri)) comment.fields.set(el.local, text);
        else if (comment && item && depth === 3) {
          addComment(sink, itemKey(item), comment);
          item.comments += 1;
          comment = null;
        } else if (item && depth === 3 && el.uri === '') {
          if (el.local === 'title') item.title = text;
          else if (el.local === 'link') item.link = text;
        } else if (item && depth === 2) {
          // The post's link may come after its comments: the thread is known once the item ends.
          if (item.comments > 0)
            sink.thread({
              key: itemKey(item),
              line: item.line,
              link: item.link.trim(),
              title: decodeHTML(item.title).trim() || null,
              createdAt: null,
            });
          item = null;
        }
      },
      flush: () => sink.flush(),
    },
    WHAT,
  );
  if (!sawChannel)
    throw new DomainError(
      'invalid_request',
      'The file is XML but not a WordPress export: it has no <rss><channel>.',
      { body: `must be ${WHAT}` },
    );
}

/** Items are told apart by their place in the file; two with one permalink are one thread. */
const itemKey = (item: OpenItem) => `item ${item.index}`;

function addComment(sink: SourceSink, threadKey: string, { line, fields }: OpenComment) {
  const field = (name: string) => fields.get(`comment_${name}`) ?? '';
  const id = Number(field('id'));
  const validId = Number.isSafeInteger(id) && id > 0;
  const type = field('type').trim();
  const approved = STATUS[field('approved').trim()] ?? 'pending';
  const parent = field('parent').trim();
  const source: SourceComment = {
    key: field('id').trim(),
    line,
    threadKey,
    parentKey: parent === '' || parent === '0' ? null : parent,
    id: validId ? id : null,
    author: {
      name: authorName(field('author')),
      email: authorEmail(field('author_email')),
      website: authorWebsite(field('author_url')),
    },
    body: bodyFrom(field('content'), (html) => htmlToMarkdown(wpAutop(html))),
    status: approved === 'trashed' ? 'deleted' : approved,
    createdAt: wpDate(fields.get('comment_date_gmt'), fields.get('comment_date')),
  };
  // Pingbacks and trackbacks are notices from other sites, not conversation.
  const refusal: ImportRefusalReason | null = !validId
    ? 'invalid'
    : type !== '' && type !== 'comment'
      ? 'not_a_comment'
      : approved === 'trashed'
        ? 'trashed'
        : null;
  sink.comment(source, refusal);
}
