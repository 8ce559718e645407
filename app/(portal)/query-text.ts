/**
 * One search parameter of a page as text: its value when it is given once and not empty, else
 * undefined (`?kind=` and `?kind=a&kind=b` both mean "not chosen").
 */
export function queryText(value: string | string[] | undefined): string | undefined {
  return typeof value === "string" && value ? value : undefined;
}
