import { describe, expect, it, vi } from "vitest";
import { planEachTime, preparedStatement } from "./sql-reader";
import { Prisma } from "./types";

describe("preparedStatement", () => {
  it("names a statement by its text: the same text always has the same name, another text another", () => {
    const first = preparedStatement(Prisma.sql`SELECT ${1}::int AS one`);
    const again = preparedStatement(Prisma.sql`SELECT ${2}::int AS one`);
    const other = preparedStatement(Prisma.sql`SELECT ${1}::int AS two`);
    expect(first.name).toMatch(/^portal_[0-9a-f]{32}$/);
    expect(again.name).toBe(first.name);
    expect(again.values).toEqual([2]);
    expect(other.name).not.toBe(first.name);
    expect(first.text).toBe("SELECT $1::int AS one");
  });

  it("leaves a statement to be planned each time unnamed, so it is never kept prepared", () => {
    const statement = planEachTime(Prisma.sql`SELECT ${1}::int AS planned`);
    expect(preparedStatement(statement)).toEqual({ text: "SELECT $1::int AS planned", values: [1] });
    // Only that statement object: the same text built again is prepared as usual.
    expect(preparedStatement(Prisma.sql`SELECT ${1}::int AS planned`).name).toMatch(/^portal_[0-9a-f]{32}$/);
  });
});

describe("one process, several copies of the module (Next bundles server code once per layer)", () => {
  it("gives a text the same name in every copy, and knows a client made by another copy", async () => {
    const { createPrismaClient } = await import("./client");
    const client = createPrismaClient("postgres://unused@127.0.0.1:1/none", { max: 1 });
    const statement = Prisma.sql`SELECT ${1}::int AS copied`;
    const name = preparedStatement(statement).name;
    const marked = planEachTime(Prisma.sql`SELECT ${1}::int AS marked_in_one_copy`);

    vi.resetModules();
    const other = await import("./sql-reader");
    const otherClient = await import("./client");
    expect(other.preparedStatement).not.toBe(preparedStatement);
    expect(other.preparedStatement(statement).name).toBe(name);
    expect(other.preparedStatement(marked).name).toBeUndefined();
    expect(otherClient.poolOf(client)).toBeDefined();
    await client.$disconnect();
  });
});
