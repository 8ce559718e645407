#!/bin/sh
# Prisma's CLI downloads a schema engine unless PRISMA_SCHEMA_ENGINE_BINARY names a file.
# `prisma generate` never runs it; this file exists so that the CLI has something to point at.
echo "This project applies its SQL migrations itself: run 'npm run db:migrate'." >&2
exit 1
