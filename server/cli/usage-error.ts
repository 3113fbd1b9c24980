/** A command called the wrong way: the CLI answers with its usage and exit code 2. */
export class UsageError extends Error {}
