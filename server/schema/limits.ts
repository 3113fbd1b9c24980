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
  /** Whole request body; anything larger is refused with 413 before parsing. */
  requestBytes: 64 * 1024,
} as const;
