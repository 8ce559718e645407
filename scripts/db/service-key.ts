// `npm run db:service-key -- create <name>` | `revoke <prefix>` | `list`: the platform's keys for
// the voice platform's call records (POST /api/platform/call-records). A new key is printed once.
import { createServiceKey, listServiceKeys, revokeServiceKey } from "@/server/calls/platform-service-keys";
import { runPlatformCommand } from "./platform-command";

const [command, argument] = process.argv.slice(2);
if (!command || !["create", "revoke", "list"].includes(command) || (command !== "list" && !argument)) {
  console.error("usage: npm run db:service-key -- create <name> | revoke <prefix> | list");
  process.exit(2);
}

await runPlatformCommand(async (db) => {
  if (command === "create" && argument) {
    const { key } = await createServiceKey(db, argument);
    console.log(`service key (shown once; keep it secret): ${key}`);
  } else if (command === "revoke" && argument) {
    await revokeServiceKey(db, argument);
    console.log(`revoked ${argument}`);
  } else {
    for (const key of await listServiceKeys(db)) {
      console.log(
        `${key.prefix}  ${key.name}  made ${key.createdAt.toISOString()}${key.revokedAt ? `  revoked ${key.revokedAt.toISOString()}` : ""}`,
      );
    }
  }
  return 0;
});
