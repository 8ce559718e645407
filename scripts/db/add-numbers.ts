// `npm run db:add-numbers -- <reseller slug> <number> [<number> ...]`: the platform puts numbers into
// a reseller's pool (requests cannot). Numbers may be typed nationally for the reseller's effective
// country. Each is added or refused on its own, with the reason; the exit code says whether all went in.
import { DomainError } from "@/server/domain-error";
import { addToPool } from "@/server/numbers/pool";
import { runPlatformCommand } from "./platform-command";

const [slug, ...numbers] = process.argv.slice(2);
if (!slug || numbers.length === 0) {
  console.error(
    'usage: npm run db:add-numbers -- <reseller slug> <number> [<number> ...]   e.g. voicereseller "+33 1 99 00 12 40"',
  );
  process.exit(2);
}

await runPlatformCommand(async (db) => {
  const pool = await db.account.findUnique({ where: { slug }, select: { id: true } });
  if (!pool) throw new Error(`no account has the slug ${slug}`);
  let failed = 0;
  for (const number of numbers) {
    try {
      const added = await addToPool(db, { poolAccountId: pool.id, number });
      console.log(`added ${added.e164}`);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      failed += 1;
      console.error(`refused ${number}: ${error.reason}: ${error.message}`);
    }
  }
  return failed === 0 ? 0 : 1;
});
