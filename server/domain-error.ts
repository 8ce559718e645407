/**
 * One thing wrong with a request, as data: `reason` is a stable snake_case code clients branch on
 * (`slug_taken`, `limit_above_parent`, `control_character`, ...), `field` the input path it concerns
 * joined with "." (`limits.maxIn`, `changes.brandName`) or null for the request as a whole, and
 * `message` the sentence a person reads. Clients never match the message.
 */
export type Problem = { reason: string; field: string | null; message: string };

/** The codes a broken rule answers with (the tRPC code of the same name). */
export type DomainErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "TOO_MANY_REQUESTS";

/** A problem with the request as a whole, or with `field` when given. */
export function problem(reason: string, message: string, field: string | null = null): Problem {
  return { reason, field, message };
}

/**
 * One or more broken business rules, in words for the person who broke them. Services throw it;
 * the tRPC layer turns it into a TRPCError with the same code and passes the problems to clients,
 * so services need not know about tRPC. The message joins the problems' messages.
 */
export class DomainError extends Error {
  readonly problems: readonly [Problem, ...Problem[]];

  constructor(
    readonly code: DomainErrorCode,
    problems: Problem | readonly Problem[],
  ) {
    const list = Array.isArray(problems) ? [...problems] : [problems as Problem];
    const [first, ...rest] = list;
    if (!first) throw new Error("a DomainError needs at least one problem");
    super(list.map((each) => each.message).join(" "));
    this.name = "DomainError";
    this.problems = [first, ...rest];
  }

  /** The first problem's reason: what a client that handles one problem at a time branches on. */
  get reason(): string {
    return this.problems[0].reason;
  }
}
