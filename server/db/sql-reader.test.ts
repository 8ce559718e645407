import { describe, expect, it } from "vitest";
import { planEachTime, preparedStatement } from "./sql-reader";
import { Prisma } from "./types";

describe("preparedStatement", () => {
  it("names a statement by its text: the same text always has the same name, another text another", () => {
    const first = preparedStatement(Prisma.sql`SELECT ${1}::int AS one`);
    const again = preparedStatement(Prisma.sql`SELECT ${2}::int AS one`);
    const other = preparedStatement(Prisma.sql`SELECT ${1}::int AS two`);
    expect(first.name).toMatch(/^portal_\d+$/);
    expect(again.name).toBe(first.name);
    expect(again.values).toEqual([2]);
    expect(other.name).not.toBe(first.name);
    expect(first.text).toBe("SELECT $1::int AS one");
  });

  it("leaves a statement to be planned each time unnamed, so it is never kept prepared", () => {
    const statement = planEachTime(Prisma.sql`SELECT ${1}::int AS planned`);
    expect(preparedStatement(statement)).toEqual({ text: "SELECT $1::int AS planned", values: [1] });
    // Only that statement object: the same text built again is prepared as usual.
    expect(preparedStatement(Prisma.sql`SELECT ${1}::int AS planned`).name).toMatch(/^portal_\d+$/);
  });
});
