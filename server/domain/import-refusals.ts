import type { ImportRefusalReason } from '../schema/export.js';
import type { StagedRefusal } from '../store/import-store.js';

const MESSAGES: Record<ImportRefusalReason, string> = {
  no_date: 'it has no valid date',
  empty_body: 'it says nothing',
  unknown_thread: 'its thread is not in the file or has no usable address',
  unknown_parent: 'the comment it replies to is not in the file',
  duplicate_id: 'another comment of the file has the same id',
  not_a_comment: 'it is a pingback or trackback, not a comment',
  trashed: 'it was in the trash',
  invalid: 'it has data Confab cannot take',
};

/** Why a comment of an imported file is left out, in the words the account gives; `detail` says more. */
export function refusal(reason: ImportRefusalReason, detail?: string): StagedRefusal {
  return { reason, message: detail ? `${MESSAGES[reason]}: ${detail}` : MESSAGES[reason] };
}
