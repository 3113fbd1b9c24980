import { decodeHTML } from 'entities';
import { DomainError } from '../domain/errors.js';
import type { CommentStatus } from '../schema/index.js';
import { htmlToMarkdown } from './html-to-markdown.js';
import type { SourceSink } from './source.js';
import { authorEmail, authorName, bodyFrom } from './source-fields.js';
import { readXml, type XmlSource } from './xml-stream.js';

const WHAT = 'a Disqus export (XML) file';
/** The namespace of Disqus's own ids (dsq:id); exports declare it on the root. */
const DSQ = 'http://disqus.com/disqus-internals';

/** Disqus writes ISO 8601 times in UTC ("2013-05-14T09:36:46Z"); one without a zone is read as UTC. */
function disqusDate(raw: string | undefined): number | null {
  const s = (raw ?? '').trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(s)) return null;
  const ms = Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(s) ? s : `${s}Z`);
  return Number.isFinite(ms) ? ms : null;
}

const yes = (raw: string | undefined) => raw?.trim().toLowerCase() === 'true';

function statusOf(fields: Map<string, string>): CommentStatus {
  if (yes(fields.get('isDeleted'))) return 'deleted';
  if (yes(fields.get('isSpam'))) return 'spam';
  return 'approved';
}

interface Open {
  kind: 'thread' | 'post';
  key: string;
  line: number;
  /** Child elements' text by name; the author's as `author.name`, `author.email`. */
  fields: Map<string, string>;
  thread: string;
  parent: string | null;
}

/**
 * Reads a Disqus export as a stream, handing each thread and post to `sink` as it ends, so a file of
 * any size costs the memory of one post. Threads become thread URLs with their titles; posts become
 * comments whose parents come from <parent dsq:id>, in any order in the file (a reply may come before
 * its parent, a post before its thread). Deleted and spam posts keep their status.
 */
export async function readDisqus(source: XmlSource, sink: SourceSink): Promise<void> {
  let open: Open | null = null;

  await readXml(
    source,
    {
      open(el) {
        const depth = el.path.length;
        if (depth === 0 && el.local !== 'disqus')
          throw new DomainError(
            'invalid_request',
            `The file is XML but not a Disqus export: it starts with <${el.local}>, not <disqus> (line ${el.line}).`,
            { body: `must be ${WHAT}` },
          );
        if (depth === 1 && (el.local === 'thread' || el.local === 'post')) {
          open = {
            kind: el.local,
            key: el.attr('id', DSQ) ?? '',
            line: el.line,
            fields: new Map(),
            thread: '',
            parent: null,
          };
          return false;
        }
        if (!open || depth < 2) return false;
        if (depth === 2 && open.kind === 'post' && el.local === 'thread')
          open.thread = el.attr('id', DSQ) ?? '';
        else if (depth === 2 && open.kind === 'post' && el.local === 'parent')
          open.parent = el.attr('id', DSQ) ?? null;
        return depth === 2 || (depth === 3 && el.path[2] === 'author');
      },
      close(el, text) {
        const depth = el.path.length;
        if (!open) return;
        if (depth === 2) open.fields.set(el.local, text);
        else if (depth === 3 && el.path[2] === 'author')
          open.fields.set(`author.${el.local}`, text);
        else if (depth === 1) {
          add(sink, open);
          open = null;
        }
      },
      flush: () => sink.flush(),
    },
    WHAT,
  );
}

function add(sink: SourceSink, o: Open) {
  const { fields } = o;
  if (o.kind === 'thread') {
    sink.thread({
      key: o.key,
      line: o.line,
      link: fields.get('link')?.trim() ?? '',
      title: decodeHTML(fields.get('title') ?? '').trim() || null,
      createdAt: disqusDate(fields.get('createdAt')),
    });
    return;
  }
  sink.comment({
    key: o.key,
    line: o.line,
    threadKey: o.thread,
    parentKey: o.parent,
    id: null,
    author: {
      name: authorName(fields.get('author.name') ?? fields.get('author.username') ?? ''),
      email: authorEmail(fields.get('author.email') ?? ''),
      website: null,
    },
    body: bodyFrom(fields.get('message') ?? '', htmlToMarkdown),
    status: statusOf(fields),
    createdAt: disqusDate(fields.get('createdAt')),
  });
}
