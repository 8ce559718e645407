// `npm run db:migrate`: applies pending SQL migrations to DATABASE_URL, or to the embedded database.
import { resolveDatabase } from "@/server/db/bootstrap";
import { migrate } from "@/server/db/migrate";

const target = await resolveDatabase({});
try {
  const applied = await migrate({
    ownerUrl: target.ownerUrl,
    appRolePassword: target.appRolePassword,
    log: console.log,
  });
  console.log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
} finally {
  await target.stop();
}
