import { z } from "zod";

/**
 * Numbers and booleans of the REST face (server/api/rest/), where one input is read two ways.
 *
 * trpc-to-openapi coerces query strings by setting `coerce` on every number and boolean it reaches
 * through the objects, arrays, optionals and defaults of a published input, in place: the same
 * schema instance tRPC parses with. Left alone, it would quietly widen what every caller may send
 * after the first REST request ("false" becoming true, "" becoming 0). So each such leaf says
 * which it is, and server/api/rest/published.test.ts fails on one that does not:
 */

/** A number read from a query string (`?limit=10`): coerced for every caller, as REST needs. */
export function queryNumber(message: string) {
  return z.coerce.number<unknown>({ message });
}

/**
 * A number or boolean that only ever arrives as JSON: the library does not look inside
 * `nonoptional`, which for a value that is required anyway changes nothing else.
 */
export function jsonOnly<T extends z.ZodNumber | z.ZodBoolean>(schema: T): z.ZodNonOptional<T> {
  return z.nonoptional(schema);
}
