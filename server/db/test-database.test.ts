import { describe, expect, it } from "vitest";
import { assertTestDatabase } from "./test-database";

describe("assertTestDatabase", () => {
  it.each([
    "postgresql://u:p@127.0.0.1/portal_test",
    "postgresql://u:p@localhost:5432/portal_test",
    "postgresql://u:p@[::1]:5432/portal_e2e_test",
    "postgres://u:p@localhost/portal_test?sslmode=disable",
    "postgresql://u:p@localhost/portal_test?host=/var/run/postgresql",
  ])("accepts the local test database %s", (url) => {
    expect(() => assertTestDatabase(url)).not.toThrow();
  });

  it.each([
    ["postgresql://u:p@db.example.com/portal_test", "db.example.com"],
    ["postgresql://u:p@10.0.0.5:5432/portal_test", "10.0.0.5"],
    ["postgresql://u:p@prod-db.internal/portal_test", "prod-db.internal"],
    ["postgresql://u:p@localhost:5432/portal_test?host=db.example.com", "db.example.com"],
  ])("refuses the remote database %s", (url, host) => {
    expect(() => assertTestDatabase(url)).toThrow(
      `Refusing to run tests against ${host}: only a local database is allowed.`,
    );
  });

  it("refuses a remote host before looking at the name", () => {
    expect(() => assertTestDatabase("postgresql://u:p@db.example.com/portal")).toThrow(/only a local database/);
  });

  it.each([
    ["postgresql://u:p@localhost/portal", "portal"],
    ["postgresql://u:p@127.0.0.1/postgres", "postgres"],
    ["postgresql://u:p@localhost/portal_test_backup", "portal_test_backup"],
    ["postgresql://u:p@localhost/portal_TEST", "portal_TEST"],
    ["postgresql://u:p@localhost/portaltest", "portaltest"],
    ["postgresql://u:p@localhost/test_portal", "test_portal"],
    ["postgresql://u:p@localhost/", ""],
  ])("refuses the local database %s, whose name does not end in _test", (url, name) => {
    expect(() => assertTestDatabase(url)).toThrow(
      `Refusing to run tests against database "${name}": its name must end in _test.`,
    );
  });
});
