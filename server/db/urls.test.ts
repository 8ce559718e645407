import { describe, expect, it } from "vitest";
import { assertTestDatabase } from "./test-database";
import { databaseName, isLocalDatabase, withCredentials, withDatabase } from "./urls";

const URL_ = "postgresql://owner:secret@127.0.0.1:5432/portal";

describe("database URLs", () => {
  it("swap the role, encoding awkward passwords", () => {
    const url = new URL(withCredentials(URL_, "portal_app", "p@ss:w/rd"));
    expect(url.username).toBe("portal_app");
    expect(decodeURIComponent(url.password)).toBe("p@ss:w/rd");
    expect(url.host).toBe("127.0.0.1:5432");
    expect(databaseName(url.toString())).toBe("portal");
  });

  it("swap the database", () => {
    expect(databaseName(withDatabase(URL_, "portal_test"))).toBe("portal_test");
    expect(new URL(withDatabase(URL_, "portal_test")).username).toBe("owner");
  });

  it.each([
    ["postgresql://u:p@localhost/x", true],
    ["postgresql://u:p@127.0.0.1:5432/x", true],
    ["postgresql://u:p@[::1]:5432/x", true],
    ["postgresql://u:p@db.example.com/x", false],
    ["postgresql://u:p@10.0.0.5/x", false],
  ])("%s is local: %s", (url, expected) => {
    expect(isLocalDatabase(url)).toBe(expected);
  });
});

describe("assertTestDatabase", () => {
  it("accepts a local database made for tests", () => {
    expect(() => assertTestDatabase("postgresql://u:p@127.0.0.1/portal_test")).not.toThrow();
  });

  it("refuses a remote database", () => {
    expect(() => assertTestDatabase("postgresql://u:p@db.example.com/portal_test")).toThrow(/only a local database/);
  });

  it("refuses a database whose name does not end in _test", () => {
    expect(() => assertTestDatabase("postgresql://u:p@localhost/portal")).toThrow(/must end in _test/);
  });
});
