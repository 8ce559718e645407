// Call-record ingestion end to end: `npm run bench:ingest`. Not a test: it prints numbers for
// docs/PERFORMANCE.md and asserts nothing about time.
//
// It starts the production build on its own embedded database, makes a service key and a
// three-level tree (VoiceReseller, a reseller below it with a price list, and 20 customers below
// that), then POSTs batches of new call records to /api/platform/call-records from this machine:
// each batch rated at three levels, stored, rolled up by day at every level and charged to every
// wallet. It prints records per second, batch latency, and the CPU each part of the machine spent.
//   --duration N    seconds of load (default 20)       --senders N   concurrent senders (default 4)
//   --batch N       records per batch (default 500)
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { createServiceKey } from "@/server/calls/platform-service-keys";
import { createPrismaClient } from "@/server/db/client";
import { env } from "@/server/env";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";
import { buildAndServe } from "../serve";
import { type CpuSplit, cpuSplit, cpuTimes, stolenPercent } from "./measure";

const { values: flags } = parseArgs({
  options: {
    duration: { type: "string", default: "20" },
    senders: { type: "string", default: "4" },
    batch: { type: "string", default: "500" },
  },
});
const DURATION_MS = Number(flags.duration) * 1000;
const SENDERS = Number(flags.senders);
const BATCH = Number(flags.batch);
if (![DURATION_MS, SENDERS, BATCH].every((value) => Number.isInteger(value) && value > 0) || BATCH > 1000) {
  throw new Error("--duration, --senders and --batch take whole numbers above 0 (a batch at most 1000)");
}
const PORT = env.PORT + 210;
const HOST = `localhost:${PORT}`;
const NUMBERS = ["+12125550123", "+33199001234", "+33612345678", "+442079460000", "+4930123456"];
const DIRECTIONS = ["out", "out", "out", "in", "dialer"] as const;

function post(
  pathname: string,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: PORT, method: "POST", path: pathname, headers: { host: HOST, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

const started = Date.now();
const database = await prepareTestDatabase({
  dataDir: path.resolve(".data", "bench-ingest"),
  database: "portal_bench_ingest_test",
  port: env.EMBEDDED_PG_PORT + 50,
});
const owner = createPrismaClient(database.ownerUrl, { max: 2 });
const reseller = await owner.account.findUniqueOrThrow({ where: { slug: "voicereseller" } });
const middle = await owner.account.create({
  data: {
    slug: `bench-reseller-${Date.now()}`,
    name: "Bench reseller",
    parentId: reseller.id,
    isReseller: true,
    planId: "professional",
    maxIn: 10,
    maxOut: 10,
    maxDialer: 10,
  },
});
await owner.priceList.create({ data: { accountId: middle.id, markupBasisPoints: 1500 } });
const customers: string[] = [];
for (let index = 0; index < 20; index++) {
  const customer = await owner.account.create({
    data: {
      slug: `bench-customer-${Date.now()}-${index}`,
      name: `Bench customer ${index}`,
      parentId: middle.id,
      planId: "starter",
      maxIn: 1,
      maxOut: 1,
      maxDialer: 0,
    },
  });
  customers.push(customer.id);
}
const { key } = await createServiceKey(owner, `bench ${new Date().toISOString()}`);
await owner.$disconnect();

const server = await buildAndServe({
  appUrl: database.appUrl,
  port: PORT,
  dev: false,
  log: (line) => console.log(`[bench:ingest] ${line}`),
  extraEnv: { LOG_LEVEL: "warn" },
  // Node flags (none): the server is then one process, whose CPU the bench can read.
  nodeArgs: [],
});

let sequence = 0;
/** A batch of new calls spread over the customers, numbers, directions and the last 28 days. */
function batch(): string {
  const records = Array.from({ length: BATCH }, () => {
    sequence += 1;
    const start = Date.UTC(2026, 10, 1 + (sequence % 28), 8 + (sequence % 10), sequence % 60, 0);
    const seconds = (sequence * 37) % 900;
    return {
      callId: `bench-${started}-${sequence}`,
      accountId: customers[sequence % customers.length],
      direction: DIRECTIONS[sequence % DIRECTIONS.length],
      startedAt: new Date(start).toISOString(),
      answeredAt: new Date(start + 4000).toISOString(),
      endedAt: new Date(start + 4000 + seconds * 1000).toISOString(),
      from: "+33199001234",
      to: NUMBERS[sequence % NUMBERS.length],
      device: "1002@bench.sip",
    };
  });
  return JSON.stringify({ records });
}

const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
try {
  const deadline = Date.now() + 120_000;
  while ((await post("/api/platform/call-records", headers, batch()).catch(() => null))?.status !== 200) {
    if (server.exitCode !== null || Date.now() > deadline) throw new Error("the bench server did not take a batch");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  // Warm-up: JIT, the pools, the month partitions.
  for (let i = 0; i < 4; i++) await post("/api/platform/call-records", headers, batch());

  const cpuBefore = cpuTimes();
  const splitBefore = cpuSplit(server.pid);
  const latencies: number[] = [];
  let recorded = 0;
  const begin = performance.now();
  await Promise.all(
    Array.from({ length: SENDERS }, async () => {
      while (performance.now() - begin < DURATION_MS) {
        const body = batch();
        const sent = performance.now();
        const answer = await post("/api/platform/call-records", headers, body);
        latencies.push(performance.now() - sent);
        if (answer.status !== 200) throw new Error(`a batch answered ${answer.status}: ${answer.body.slice(0, 300)}`);
        recorded += Number((JSON.parse(answer.body) as { recorded: number }).recorded);
      }
    }),
  );
  const seconds = (performance.now() - begin) / 1000;
  const splitAfter = cpuSplit(server.pid);
  const split: CpuSplit | undefined =
    splitBefore && splitAfter
      ? {
          server: splitAfter.server - splitBefore.server,
          database: splitAfter.database - splitBefore.database,
          load: splitAfter.load - splitBefore.load,
        }
      : undefined;
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  console.log(
    `\ncommand: npm run bench:ingest -- --duration ${DURATION_MS / 1000} --senders ${SENDERS} --batch ${BATCH}`,
  );
  console.log(
    `${recorded} records in ${seconds.toFixed(1)} s: ${(recorded / seconds).toFixed(0)} records/s; ` +
      `batch p50 ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms; ` +
      `CPU stolen ${stolenPercent(cpuBefore, cpuTimes())?.toFixed(1) ?? "?"}%`,
  );
  if (split) {
    const per = (ms: number) => ((ms / recorded) * 1000).toFixed(0);
    console.log(
      `CPU µs per record: server ${per(split.server)} / PostgreSQL ${per(split.database)} / load generator ${per(split.load)}`,
    );
  }
  console.log(`${((Date.now() - started) / 1000).toFixed(0)} s in all`);
} finally {
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  await database.stop();
}
