import { spawn } from "node:child_process";
import { expect, test } from "@playwright/test";
import { e2eSql } from "../database";
import { origin } from "../helpers";

type Run = { code: number | null; stdout: string; stderr: string };

/** `npm run example` as a person runs it, against the e2e server. */
function runExample(args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npm", ["run", "--silent", "example", "--", ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Takes out what the program created, so that the specs counting VoiceReseller's children find the
 * tree as seeded: its log entries (the child's own and the copies above), then the account.
 */
async function removeAccount(id: string) {
  const db = await e2eSql();
  try {
    await db.query("BEGIN");
    await db.query(
      "DELETE FROM audit_entries WHERE $1::uuid IN (account_id, acting_account_id, target_account_id, origin_account_id)",
      [id],
    );
    await db.query("DELETE FROM accounts WHERE id = $1", [id]);
    await db.query("COMMIT");
  } finally {
    await db.end();
  }
}

test("the example program creates, brands and lists a child, and keeps working across its token's expiry", async () => {
  // The e2e server's access tokens last 10 s (playwright.config.ts): the program waits them out.
  test.setTimeout(120_000);
  const run = await runExample(["--url", origin("voicereseller.localhost"), "--wait-for-expiry"]);
  const created = /^created account (example-[a-z0-9]+) \(([0-9a-f-]{36})\)/m.exec(run.stdout);
  try {
    expect(run.stderr, run.stdout).toBe("");
    expect(run.code).toBe(0);
    expect(created).not.toBeNull();
    const lines = run.stdout.trim().split("\n");
    // expiresIn is counted in whole seconds from the token's issue: 10, or 9 across a second's turn.
    expect(lines[0]).toMatch(/^signed in to voicereseller; the access token lasts (9|10) s$/);
    expect(lines).toContain(
      `branded it "Example Customer ${created?.[1]?.slice("example-".length)} Voice", primary colour #0f766e`,
    );
    // Before the wait and after it, the new child is listed.
    expect(
      lines.filter((line) => line.startsWith("VoiceReseller Inc. has ") && line.includes(created?.[1] ?? "-")),
    ).toHaveLength(2);
    // The crossing, in order: the old token refused by the portal, a refresh, a call that works.
    const wait = lines.findIndex((line) => line.startsWith("waiting "));
    expect(wait).toBeGreaterThan(0);
    expect(lines.slice(wait + 1)).toEqual([
      "the portal now refuses the old access token: 401 token_expired",
      expect.stringMatching(
        /^refreshed the access token, expired \d+ s ago, before the next call; the new one lasts 10 s$/,
      ),
      expect.stringMatching(/^VoiceReseller Inc\. has \d+ child accounts: /),
      "crossed the access token's expiry: 1 refresh, and the calls go on",
      "signed out: the refresh token is revoked",
      "done",
    ]);

    // What the program did is in the database as it said.
    const db = await e2eSql();
    try {
      const row = await db.query<{ parent: string; brand_name: string; primary_color: string }>(
        "SELECT p.slug AS parent, a.brand_name, a.primary_color FROM accounts a JOIN accounts p ON p.id = a.parent_id WHERE a.id = $1",
        [created?.[2]],
      );
      expect(row.rows).toEqual([
        {
          parent: "voicereseller",
          brand_name: `Example Customer ${created?.[1]?.slice("example-".length)} Voice`,
          primary_color: "#0f766e",
        },
      ]);
    } finally {
      await db.end();
    }
  } finally {
    if (created?.[2]) await removeAccount(created[2]);
  }
});

test("the example program stops with the portal's reason when it cannot sign in", async () => {
  // An unknown user: a failure that counts against no real user's sign-in throttle.
  const run = await runExample(["--url", origin("voicereseller.localhost"), "--email", "nobody@voicereseller.test"]);
  expect(run.code).toBe(1);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^failed: POST \/api\/auth\/login: HTTP 401 credentials_invalid: /);
});
