import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DomainError } from '../domain/errors.js';

/** An import file as it arrives: whole (tests, small uploads) or in pieces (a file on disk, a request body). */
export type XmlSource = string | AsyncIterable<string>;

export interface XmlElement {
  /** Name without its prefix. */
  local: string;
  /** Namespace URI ('' when none). */
  uri: string;
  /** Attribute values by local name, then namespace URI: `attr('id', DSQ)`. */
  attr(local: string, uri?: string): string | undefined;
  /** 1-based line of the start tag. */
  line: number;
  /** Open elements above this one, outermost first (local names). */
  path: readonly string[];
}

export interface XmlVisitor {
  /** Returns true to have the element's own text (character data and CDATA) passed to `close`. */
  open(el: XmlElement): boolean;
  close(el: XmlElement, text: string): void;
  /** Called after each piece of the file: what was read of it can be passed on before the next. */
  flush(): Promise<void>;
}

/** Pieces a whole-text source is read in, as a stream's would be. */
const PIECE = 1 << 16;

/** The source piece by piece; a whole text is cut between characters, never inside a surrogate pair. */
async function* piecesOf(source: XmlSource): AsyncIterable<string> {
  if (typeof source !== 'string') {
    yield* source;
    return;
  }
  for (let start = 0; start < source.length; ) {
    let end = Math.min(start + PIECE, source.length);
    const last = source.charCodeAt(end - 1);
    if (end < source.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield source.slice(start, end);
    start = end;
  }
}

interface Frame {
  el: XmlElement;
  text: string[] | null;
}

/**
 * Reads XML as a stream of elements with positions, holding only the open elements and one piece of the
 * file: a 1 GB export costs the memory of its deepest element, not of the file. Namespaces are checked, so a prefix used
 * without its declaration is an error at the line where it is used. Errors are 400s naming the line.
 */
export async function readXml(source: XmlSource, visitor: XmlVisitor, what: string) {
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: Frame[] = [];
  let startLine = 1;
  const fail = (message: string, line: number): never => {
    throw new DomainError(
      'invalid_request',
      `The file is not valid XML: ${message} (line ${line}).`,
      {
        body: `must be ${what}`,
      },
    );
  };
  parser.on('error', (err) =>
    fail(err.message.replace(/^\d+:\d+: /, '').replace(/\.$/, ''), parser.line),
  );
  parser.on('opentagstart', () => {
    startLine = parser.line;
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    const el: XmlElement = {
      local: tag.local,
      uri: tag.uri,
      attr: (local, uri = '') => {
        for (const a of Object.values(tag.attributes))
          if (a.local === local && a.uri === uri) return a.value;
        return undefined;
      },
      line: startLine,
      path: stack.map((f) => f.el.local),
    };
    stack.push({ el, text: visitor.open(el) ? [] : null });
  });
  const addText = (text: string) => {
    stack[stack.length - 1]?.text?.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', () => {
    const frame = stack.pop();
    if (frame) visitor.close(frame.el, frame.text ? frame.text.join('') : '');
  });
  for await (const piece of piecesOf(source)) {
    parser.write(piece);
    await visitor.flush();
  }
  parser.close();
}
