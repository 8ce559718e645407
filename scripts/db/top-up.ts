// `npm run db:top-up -- <account slug> <amount> <reason> [idempotency key]`: the platform credits a
// platform-direct account's wallet (a reseller tops up its own children in the portal). The
// amount is typed as people type money ("250" or "250.00"); the same key again credits once.
import { randomUUID } from "node:crypto";
import { parseAmount } from "@/server/billing/money";
import { postPlatformEntry } from "@/server/billing/post-entry";
import { DomainError } from "@/server/domain-error";
import { runPlatformCommand } from "./platform-command";

const [slug, amount, reason, key] = process.argv.slice(2);
if (!slug || !amount || !reason) {
  console.error(
    'usage: npm run db:top-up -- <account slug> <amount> <reason> [idempotency key]   e.g. acme 250 "Bank transfer 1234"',
  );
  process.exit(2);
}

await runPlatformCommand(async (db) => {
  const account = await db.account.findUnique({ where: { slug }, select: { id: true } });
  if (!account)
    throw new DomainError("NOT_FOUND", {
      reason: "account_not_found",
      field: "slug",
      message: `No account has the slug ${slug}.`,
    });
  const wallet = await db.wallet.findUniqueOrThrow({ where: { accountId: account.id } });
  const minor = parseAmount(amount, wallet.currency);
  if (minor === null || minor === 0) {
    throw new DomainError("BAD_REQUEST", {
      reason: "invalid_amount",
      field: "amount",
      message: `Type an amount in ${wallet.currency}, like 250 or 250.00.`,
    });
  }
  const entry = await postPlatformEntry(db, {
    accountId: account.id,
    kind: "top_up",
    amountMinor: minor,
    reason,
    idempotencyKey: key ?? randomUUID(),
  });
  console.log(
    `${entry.replayed ? "already posted" : "posted"}: ${slug} balance ${entry.balanceAfterMinor} (minor units of ${wallet.currency})`,
  );
  return 0;
});
