/**
 * Headers the middleware sets on every request it forwards. Any copy a client sends is dropped
 * first, so a page that reads them reads what the middleware decided.
 */
export const BRAND_HEADER = "x-portal-brand";
export const FORWARDED_HEADERS = [BRAND_HEADER] as const;
