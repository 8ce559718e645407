import { chmod, mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { DEMO_ACCOUNTS, seedDemoData } from "@/prisma/seed";
import { createPrismaClient } from "@/server/db/client";
import { startEmbeddedPostgres } from "@/server/db/embedded";
import { env } from "@/server/env";

describe("a second start", () => {
  const owner = createPrismaClient(inject("ownerUrl"), { max: 2 });
  afterAll(() => owner.$disconnect());

  it("seeds nothing again and overwrites nothing", async () => {
    const before = await owner.account.findMany({ orderBy: { slug: "asc" } });
    const usersBefore = await owner.user.count();
    await owner.account.update({ where: { slug: "acme" }, data: { name: "Acme Renamed" } });
    try {
      const result = await seedDemoData(owner, { platformBrandName: "Another Name" });
      expect(result).toEqual({ seeded: false });
      expect(await owner.account.count()).toBe(before.length);
      expect(await owner.user.count()).toBe(usersBefore);
      expect((await owner.account.findUniqueOrThrow({ where: { slug: "acme" } })).name).toBe("Acme Renamed");
      expect((await owner.platformSetting.findFirstOrThrow()).brandName).toBe(env.PLATFORM_BRAND_NAME);
    } finally {
      await owner.account.update({ where: { slug: "acme" }, data: { name: "Acme Corp" } });
    }
    expect(before.map((account) => account.slug).sort()).toEqual(DEMO_ACCOUNTS.map((account) => account.slug).sort());
  });
});

describe("the embedded database", () => {
  it("keeps its data across a restart, in a folder the postgres user owns", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "portal-embedded-"));
    const port = env.EMBEDDED_PG_PORT + 40;
    try {
      // mkdtemp makes the folder private; the project's own data folder is not.
      await chmod(dir, 0o755);
      const first = await startEmbeddedPostgres({ dir, port });
      const client = new pg.Client({ connectionString: first.serverUrl });
      await client.connect();
      await client.query("CREATE TABLE survives (note text)");
      await client.query("INSERT INTO survives VALUES ('still here')");
      await client.end();
      await first.stop();

      const second = await startEmbeddedPostgres({ dir, port });
      const again = new pg.Client({ connectionString: second.serverUrl });
      await again.connect();
      const rows = await again.query<{ note: string }>("SELECT note FROM survives");
      await again.end();
      await second.stop();
      expect(rows.rows).toEqual([{ note: "still here" }]);

      if (userInfo().uid === 0) {
        // PostgreSQL refuses to run as root: as root the cluster runs as, and its data belongs to, postgres.
        expect((await stat(path.join(dir, "pgdata"))).uid).not.toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it.runIf(userInfo().uid === 0)(
    "refuses, naming the folder, a data folder the postgres user cannot reach",
    async () => {
      const privateDir = await mkdtemp(path.join(tmpdir(), "portal-private-"));
      try {
        await expect(
          startEmbeddedPostgres({ dir: path.join(privateDir, "data"), port: env.EMBEDDED_PG_PORT + 40 }),
        ).rejects.toThrow(new RegExp(`cannot enter ${privateDir} .*chmod o\\+x ${privateDir}`));
      } finally {
        await rm(privateDir, { recursive: true, force: true });
      }
    },
  );
});
