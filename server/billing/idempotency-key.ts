import { DomainError, problem } from "../domain-error";

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The idempotency key of a posting: the input's `idempotencyKey` or the `Idempotency-Key` header
 * (programs send the header, pages the input). Both may be sent only when they agree. A posting
 * without one is refused: money is never moved twice by a retried request.
 */
export function idempotencyKeyOf(fromInput: string | undefined, fromHeader: string | null): string {
  const header = fromHeader?.trim() || null;
  if (header !== null && !KEY.test(header)) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "invalid_idempotency_key",
        "The Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces (a UUID is a good one).",
        "idempotencyKey",
      ),
    );
  }
  if (fromInput !== undefined && header !== null && fromInput !== header) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "idempotency_key_mismatch",
        "The Idempotency-Key header and the idempotencyKey input differ: send one, or the same in both.",
        "idempotencyKey",
      ),
    );
  }
  const key = fromInput ?? header;
  if (key === null) {
    throw new DomainError(
      "BAD_REQUEST",
      problem(
        "idempotency_key_required",
        "A top-up, refund or adjustment needs an idempotency key (the Idempotency-Key header or idempotencyKey), so that a retry never moves money twice.",
        "idempotencyKey",
      ),
    );
  }
  return key;
}
