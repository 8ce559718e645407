import { queryNumber } from "./rest-input";

const PAGE_LIMIT_MESSAGE = "limit must be a whole number from 1 to 100";

/** How many items one page of a list holds: 1 to 100, `defaultLimit` when not given (`?limit=25` on REST). */
export function pageLimit(defaultLimit: number) {
  return queryNumber(PAGE_LIMIT_MESSAGE)
    .int(PAGE_LIMIT_MESSAGE)
    .min(1, PAGE_LIMIT_MESSAGE)
    .max(100, PAGE_LIMIT_MESSAGE)
    .default(defaultLimit);
}
