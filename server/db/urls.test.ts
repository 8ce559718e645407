import { describe, expect, it } from "vitest";
import { APP_ROLE, databaseHost, databaseName, isLocalDatabase, withCredentials, withDatabase } from "./urls";

const OWNER_URL = "postgresql://owner:secret@127.0.0.1:5432/portal";

describe("withCredentials", () => {
  it.each([
    ["portal_app", "plain", "portal_app", "plain"],
    ["portal_app", "p@ss:w/rd", "portal_app", "p%40ss%3Aw%2Frd"],
    ["portal_app", "100%?#&=", "portal_app", "100%25%3F%23%26%3D"],
    ["user@corp", "spaces and [brackets]", "user%40corp", "spaces%20and%20%5Bbrackets%5D"],
    ["portal_app", "", "portal_app", ""],
  ])("user %j, password %j -> encoded as %j / %j", (user, password, encodedUser, encodedPassword) => {
    const url = new URL(withCredentials(OWNER_URL, user, password));
    expect(url.username).toBe(encodedUser);
    expect(url.password).toBe(encodedPassword);
    expect(decodeURIComponent(url.username)).toBe(user);
    expect(decodeURIComponent(url.password)).toBe(password);
  });

  it("keeps the server, the database and the query", () => {
    const url = new URL(withCredentials(`${OWNER_URL}?sslmode=disable`, APP_ROLE, "pw"));
    expect(url.protocol).toBe("postgresql:");
    expect(url.host).toBe("127.0.0.1:5432");
    expect(databaseName(url.toString())).toBe("portal");
    expect(url.search).toBe("?sslmode=disable");
    expect(url.toString()).toBe("postgresql://portal_app:pw@127.0.0.1:5432/portal?sslmode=disable");
  });

  it("does not change the URL it is given", () => {
    const original = OWNER_URL;
    withCredentials(original, APP_ROLE, "pw");
    expect(original).toBe("postgresql://owner:secret@127.0.0.1:5432/portal");
  });
});

describe("withDatabase", () => {
  it.each([
    [OWNER_URL, "portal_test", "postgresql://owner:secret@127.0.0.1:5432/portal_test"],
    ["postgresql://owner:secret@localhost/", "portal_test", "postgresql://owner:secret@localhost/portal_test"],
    ["postgresql://owner:secret@localhost", "portal_e2e_test", "postgresql://owner:secret@localhost/portal_e2e_test"],
    [`${OWNER_URL}?sslmode=disable`, "other", "postgresql://owner:secret@127.0.0.1:5432/other?sslmode=disable"],
    [OWNER_URL, "with space", "postgresql://owner:secret@127.0.0.1:5432/with%20space"],
    [OWNER_URL, "a/b", "postgresql://owner:secret@127.0.0.1:5432/a%2Fb"],
  ])("%s on %j -> %s", (url, database, expected) => {
    expect(withDatabase(url, database)).toBe(expected);
    expect(databaseName(withDatabase(url, database))).toBe(database);
  });
});

describe("databaseName", () => {
  it.each([
    [OWNER_URL, "portal"],
    ["postgresql://u:p@localhost/portal_test?sslmode=disable", "portal_test"],
    ["postgres://u:p@db.example.com:6543/prod", "prod"],
    ["postgresql://u:p@localhost/with%20space", "with space"],
    ["postgresql://u:p@localhost/", ""],
    ["postgresql://u:p@localhost", ""],
  ])("%s -> %j", (url, name) => {
    expect(databaseName(url)).toBe(name);
  });
});

describe("databaseHost", () => {
  it.each([
    [OWNER_URL, "127.0.0.1"],
    ["postgresql://u:p@localhost/x", "localhost"],
    ["postgresql://u:p@[::1]:5432/x", "[::1]"],
    ["postgresql://u:p@db.example.com/x", "db.example.com"],
    // pg lets a `host` parameter override the authority; the last one wins, an empty one is ignored
    ["postgresql://u:p@localhost/x?host=db.example.com", "db.example.com"],
    ["postgresql://u:p@localhost/x?host=localhost&host=db.example.com", "db.example.com"],
    ["postgresql://u:p@localhost/x?host=%2Fvar%2Frun%2Fpostgresql", "/var/run/postgresql"],
    ["postgresql://u:p@db.example.com/x?host=", "db.example.com"],
  ])("%s -> %j", (url, host) => {
    expect(databaseHost(url)).toBe(host);
  });
});

describe("isLocalDatabase", () => {
  it.each([
    ["postgresql://u:p@localhost/x", true],
    ["postgresql://u:p@localhost:5433/x", true],
    ["postgresql://u:p@127.0.0.1:5432/x", true],
    ["postgresql://u:p@[::1]:5432/x", true],
    ["postgres://u:p@localhost/x", true],
    ["postgresql://u:p@localhost/x?host=/var/run/postgresql", true],
    ["postgresql://u:p@localhost/x?host=127.0.0.1", true],
    ["postgresql://u:p@db.example.com/x", false],
    ["postgresql://u:p@10.0.0.5/x", false],
    ["postgresql://u:p@127.0.0.2/x", false],
    ["postgresql://u:p@localhost.example.com/x", false],
    ["postgresql://u:p@[2001:db8::1]/x", false],
    // a local-looking URL whose `host` parameter sends pg elsewhere
    ["postgresql://u:p@localhost:5432/x?host=db.example.com", false],
    ["postgresql://u:p@127.0.0.1/x?host=localhost&host=10.0.0.5", false],
  ])("%s -> %s", (url, expected) => {
    expect(isLocalDatabase(url)).toBe(expected);
  });
});
