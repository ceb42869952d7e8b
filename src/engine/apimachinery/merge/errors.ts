/**
 * Patch failures, carrying what the API server would answer for them.
 *
 * The patch functions are pure and know nothing of requests, but learners read the resulting
 * kubectl lines, so each error records the HTTP code and metav1.Status reason that
 * k8s.io/apiserver/pkg/endpoints/handlers/patch.go picks for it:
 *
 * - JSON patch (RFC 6902) failures: `errors.NewGenericServerResponse(422, ...)`, i.e. reason
 *   `Invalid` with the fixed message below; the json-patch text goes into `details.causes`, a cause
 *   without a field, so kubectl prints `The request is invalid: : <json-patch text>`.
 * - malformed patch documents: `NewBadRequest(err)` (400).
 * - strategic merge patch format errors (`interpretStrategicMergePatchError`): 400 for
 *   bad directive formats, 422 for lists of lists; anything else is returned as a plain Go error,
 *   which the server reports as a 500 with an empty (Unknown) reason and the raw text, shown by
 *   kubectl as `Error from server: map: map[image:nginx] does not contain declared merge key: name`.
 */

/** metav1.StatusReason values a patch can produce; '' is StatusReasonUnknown. */
export type PatchErrorReason = 'BadRequest' | 'Invalid' | 'Conflict' | 'RequestEntityTooLarge' | '';

/** `the server rejected our request due to an error in our request`: NewGenericServerResponse's text for 422. */
export const GENERIC_UNPROCESSABLE_MESSAGE = 'the server rejected our request due to an error in our request';

export class PatchError extends Error {
  /** HTTP status code the API server answers with. */
  readonly code: number;
  readonly reason: PatchErrorReason;
  /**
   * metav1.Status.message. Equal to `message` except for 422 generic responses, where the server
   * puts the fixed text in the message and this error's own text in `details.causes[0].message`.
   */
  readonly statusMessage: string;

  constructor(message: string, reason: PatchErrorReason, code: number, statusMessage: string = message) {
    super(message);
    this.name = 'PatchError';
    this.reason = reason;
    this.code = code;
    this.statusMessage = statusMessage;
  }
}

export function isPatchError(e: unknown): e is PatchError {
  return e instanceof PatchError;
}

/** 400: the patch document itself is malformed. */
export function badRequestPatch(message: string): PatchError {
  return new PatchError(message, 'BadRequest', 400);
}

/** 422 as NewGenericServerResponse builds it: fixed message, the detail goes into causes. */
export function unprocessablePatch(message: string): PatchError {
  return new PatchError(message, 'Invalid', 422, GENERIC_UNPROCESSABLE_MESSAGE);
}

/** 500 with StatusReasonUnknown: a plain Go error that reached the response writer. */
export function internalPatchError(message: string): PatchError {
  return new PatchError(message, '', 500);
}

/** mergepatch.ErrConflict: a three-way patch would overwrite changes made since the last apply. */
export function conflictPatch(patch: string, changed: string): PatchError {
  return new PatchError(
    `patch:\n${patch}\nconflicts with changes made from original to current:\n${changed}\n`,
    'Conflict',
    409,
  );
}
