/**
 * A broken business rule, in words for the person who broke it. Services throw it; the tRPC layer
 * turns it into a TRPCError with the same code, so services need not know about tRPC.
 */
export class DomainError extends Error {
  constructor(
    readonly code: "BAD_REQUEST" | "NOT_FOUND" | "FORBIDDEN" | "CONFLICT",
    message: string,
  ) {
    super(message);
    this.name = "DomainError";
  }
}
