/**
 * Input limits shared by the server's validation and the widget's native form
 * constraints (`maxlength`), so both sides always agree.
 */
export const LIMITS = {
  bodyMin: 1,
  bodyMax: 10_000,
  nameMax: 100,
  emailMax: 254,
  websiteMax: 2_048,
  urlMax: 2_048,
  titleMax: 300,
  pageDefault: 50,
  pageMax: 200,
  countsMaxUrls: 100,
  /** Featured comments listed on a thread's first page. */
  featuredMax: 20,
  reasonMax: 500,
  /** Whole request body; anything larger is refused with 413 before parsing. */
  requestBytes: 64 * 1024,
} as const;

/**
 * The checks zod runs as refinements, written out for the OpenAPI document (ECMAScript regex, as JSON
 * Schema's `pattern` is): text without C0 control characters but tab, line feed and carriage return, or DEL.
 */
export const PATTERNS = {
  noControlChars: '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$',
  /** After trimming: an absolute http or https address. */
  httpUrl: '^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]',
  httpUrlOrEmpty: '^\\s*$|^\\s*[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#]',
} as const;
