import { defineConfig } from "prisma/config";

// Only `prisma generate` runs here (it needs no database). Migrations are applied by
// `npm run db:migrate` (scripts/db/migrate.ts), which records them in `_prisma_migrations`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
