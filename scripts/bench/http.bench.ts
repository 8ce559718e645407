// The request path end to end: `npm run bench:http`. Not a test: it prints numbers for
// docs/PERFORMANCE.md and asserts nothing about time.
//
// It starts the production build on its own embedded database with the do-nothing route, tRPC's
// floor (a procedure doing nothing) and the bound (tRPC's floor plus account.current's one round
// trip, nothing else) switched on, signs in as VoiceReseller's owner the way a
// browser does (next-auth's credentials flow), makes an API key through the portal, then loads each
// row with autocannon (16 connections, 10 s, two rounds, rows interleaved: each round runs every
// row once, in a rotated order) from this machine, and prints requests/s, p50 and p99 per row, each
// row's ratio to the do-nothing route, its CPU time per request in the server, in PostgreSQL and in
// the load generator, and the CPU time the hypervisor stole during the run.
//   --quick            one round of 3 s per row, while changing something (document the default)
//   --duration N       seconds per row and round          --rounds N       rounds
//   --connections N    concurrent connections
//   --profile          the server writes a V8 CPU profile (.data/bench-http/profiles) when it stops,
//                      and the bench the rows' times beside it: scripts/bench/profile-rows.ts splits
//                      the profile by row
//   --memory N         instead of the rows' rates: N requests (default 100,000) across the four
//                      signed-in and key rows in turn, printing the server's memory after every
//                      tenth of them, after a full garbage collection (the server runs with
//                      --expose-gc; /api/bench/memory collects and answers process.memoryUsage())

import { mkdirSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import superjson from "superjson";
import { env } from "@/server/env";
import { prepareTestDatabase } from "@/tests/helpers/prepare-test-database";
import { buildAndServe } from "../serve";
import { type CpuSplit, cpuSplit, cpuTimes, stolenPercent } from "./measure";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    duration: { type: "string" },
    rounds: { type: "string" },
    connections: { type: "string" },
    profile: { type: "boolean", default: false },
    memory: { type: "string" },
  },
});
const MEMORY_REQUESTS = flags.memory === undefined ? null : Number(flags.memory || 100_000);
if (MEMORY_REQUESTS !== null && (!Number.isInteger(MEMORY_REQUESTS / 1000) || MEMORY_REQUESTS < 10_000)) {
  throw new Error("--memory takes a number of requests: a multiple of 1000, at least 10000");
}
const DURATION = Number(flags.duration ?? (flags.quick ? 3 : 10));
const ROUNDS = Number(flags.rounds ?? (flags.quick ? 1 : 2));
const CONNECTIONS = Number(flags.connections ?? 16);
const PORT = env.PORT + 200;
const HOST = `voicereseller.localhost:${PORT}`;
const ORIGIN = `http://${HOST}`;
const PROFILES = path.resolve(".data", "bench-http", "profiles");
const OWNER = { tenant: "voicereseller", email: "owner@voicereseller.test", password: "demo-password-1" };

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/** One request to the bench server on 127.0.0.1 with the brand's Host (Node does not resolve *.localhost). */
function send(method: string, pathname: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: "127.0.0.1", port: PORT, method, path: pathname, headers: { host: HOST, ...headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

/** The `name=value` pairs of a response's Set-Cookie headers. */
function cookiesOf(answer: Answer): string[] {
  return (answer.headers["set-cookie"] ?? []).map((cookie) => cookie.split(";")[0] ?? "");
}

async function serverReady(): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the bench server stopped with exit code ${server.exitCode}`);
    const answer = await send("GET", "/api/bench/noop").catch(() => null);
    if (answer?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error("the bench server did not answer on /api/bench/noop within 2 minutes");
}

/** Signs in as a browser does: next-auth's CSRF token, then the credentials callback. */
async function signIn(): Promise<string> {
  const csrf = await send("GET", "/api/auth/csrf");
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, ...OWNER, json: "true" }).toString();
  const callback = await send(
    "POST",
    "/api/auth/callback/credentials",
    { "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; "), origin: ORIGIN },
    form,
  );
  const session = cookiesOf(callback).find((cookie) => cookie.startsWith("portal.session-token="));
  if (!session) throw new Error(`signing in failed: ${callback.status} ${callback.body.slice(0, 200)}`);
  return session;
}

const trpcGet = (procedure: string, input?: unknown) =>
  `/api/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(superjson.stringify(input))}`}`;

async function trpcJson(answer: Answer): Promise<unknown> {
  if (answer.status !== 200) throw new Error(`set-up call failed: ${answer.status} ${answer.body.slice(0, 300)}`);
  const parsed = JSON.parse(answer.body) as { result: { data: Parameters<typeof superjson.deserialize>[0] } };
  return superjson.deserialize(parsed.result.data);
}

type Row = { name: string; method: "GET" | "POST"; path: string; headers: Record<string, string>; body?: string };

type RoundResult = {
  requests: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
};

/** Loads `row` for `duration` seconds, or for exactly `amount` requests. */
function load(row: Row, duration = DURATION, amount?: number): Promise<RoundResult> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url: `http://127.0.0.1:${PORT}${row.path}`,
        method: row.method,
        headers: { host: HOST, ...row.headers },
        ...(row.body === undefined ? {} : { body: row.body }),
        connections: CONNECTIONS,
        ...(amount === undefined ? { duration } : { amount }),
      },
      (error, result) => {
        if (error) return reject(error);
        resolve({
          requests: result.requests.total,
          requestsPerSecond: result.requests.total / (result.duration || duration),
          p50: result.latency.p50,
          p99: result.latency.p99,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
  });
}

const started = Date.now();
const database = await prepareTestDatabase({
  dataDir: path.resolve(".data", "bench-http"),
  database: "portal_bench_http_test",
  port: env.EMBEDDED_PG_PORT + 40,
});
const server = await buildAndServe({
  appUrl: database.appUrl,
  port: PORT,
  dev: false,
  log: (line) => console.log(`[bench:http] ${line}`),
  // The per-tenant limits would refuse a load generator within seconds: raised here, so that the
  // rows measure the request path, not the refusal path.
  extraEnv: {
    BENCH_ROUTES: "true",
    LOG_LEVEL: "warn",
    TENANT_CONCURRENT_REQUESTS: "100",
    TENANT_REQUESTS_PER_MINUTE: "1000000",
    API_KEY_REQUESTS_PER_ACCOUNT_PER_MINUTE: "1000000",
  },
  nodeArgs: [
    ...(flags.profile ? ["--cpu-prof", `--cpu-prof-dir=${PROFILES}`] : []),
    ...(MEMORY_REQUESTS === null ? [] : ["--expose-gc"]),
  ],
});

type Memory = { rss: number; heapUsed: number };

/** The server's memory in MiB after a full garbage collection (/api/bench/memory). */
async function serverMemory(): Promise<Memory> {
  const answer = await send("GET", "/api/bench/memory");
  if (answer.status !== 200) throw new Error(`/api/bench/memory answered ${answer.status}`);
  const memory = JSON.parse(answer.body) as { collected: boolean; rss: number; heapUsed: number };
  if (!memory.collected) throw new Error("the server did not collect garbage: is it running with --expose-gc?");
  return { rss: memory.rss / 2 ** 20, heapUsed: memory.heapUsed / 2 ** 20 };
}

/**
 * `total` requests over the signed-in and key rows in turn, in blocks of a tenth of a tenth, and
 * the server's resident memory after each tenth: memory that grows with work, not with load, is a
 * leak.
 */
async function measureMemory(rows: readonly Row[], total: number): Promise<void> {
  const block = total / 100;
  const samples: ({ requests: number } & Memory)[] = [];
  let sent = 0;
  while (sent < total) {
    const row = rows[(sent / block) % rows.length] as Row;
    const result = await load(row, DURATION, block);
    if (result.non2xx || result.errors)
      throw new Error(`${row.name}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    sent += block;
    if (sent % (total / 10) === 0) {
      const memory = await serverMemory();
      samples.push({ requests: sent, ...memory });
      console.log(
        `[bench:http] ${sent} requests: heap ${memory.heapUsed.toFixed(1)} MiB, RSS ${memory.rss.toFixed(1)} MiB`,
      );
    }
  }
  const first = samples[0];
  const last = samples.at(-1);
  if (!first || !last) return;
  console.log(`\ncommand: npm run bench:http -- ${process.argv.slice(2).join(" ")}`);
  console.log(`${CONNECTIONS} connections; ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`);
  console.log("| requests | heap in use after GC, MiB | resident (RSS), MiB |");
  console.log("| ---: | ---: | ---: |");
  for (const sample of samples) {
    console.log(`| ${sample.requests} | ${sample.heapUsed.toFixed(1)} | ${sample.rss.toFixed(1)} |`);
  }
  const growth = (of: keyof Memory) => {
    const change = (100 * (last[of] - first[of])) / first[of];
    return `${change >= 0 ? "+" : ""}${change.toFixed(1)}%`;
  };
  console.log(
    `\nafter ${last.requests} requests against after ${first.requests}: heap ${growth("heapUsed")}, RSS ${growth("rss")}`,
  );
}
const serverPid = server.pid;
try {
  await serverReady();
  const cookie = await signIn();
  const browser = { cookie };
  const children = (await trpcJson(await send("GET", trpcGet("accounts.listChildren", { limit: 25 }), browser))) as {
    items: { id: string; name: string }[];
  };
  const child = children.items[0];
  if (!child) throw new Error("VoiceReseller has no child account to rename");
  const created = (await trpcJson(
    await send(
      "POST",
      "/api/trpc/apiKeys.create",
      { ...browser, "content-type": "application/json", origin: ORIGIN },
      superjson.stringify({ name: "bench:http", scopes: ["account:read"] }),
    ),
  )) as { key: string };
  const json = { "content-type": "application/json", origin: ORIGIN };
  const { account } = (await trpcJson(await send("GET", trpcGet("account.current"), browser))) as {
    account: { id: string };
  };
  const rows: Row[] = [
    { name: "do-nothing route (/api/bench/noop)", method: "GET", path: "/api/bench/noop", headers: {} },
    {
      // tRPC's own floor: its fetch adapter and the transformer around a procedure doing nothing.
      name: "tRPC do-nothing procedure (/api/bench/trpc)",
      method: "GET",
      path: "/api/bench/trpc/noop",
      headers: {},
    },
    {
      // The bound: tRPC's floor and account.current's one round trip, with nothing of the portal's.
      name: "tRPC procedure + one round trip (/api/bench/trpc)",
      method: "GET",
      path: `/api/bench/trpc/read?input=${encodeURIComponent(superjson.stringify({ accountId: account.id }))}`,
      headers: {},
    },
    { name: "account.current (session)", method: "GET", path: trpcGet("account.current"), headers: browser },
    {
      name: "accounts.listChildren, 25 (session)",
      method: "GET",
      path: trpcGet("accounts.listChildren", { limit: 25 }),
      headers: browser,
    },
    {
      // The same name again: a real write path (transaction, checks, UPDATE) that leaves the row as it was.
      name: "accounts.update, mutation (session)",
      method: "POST",
      path: "/api/trpc/accounts.update",
      headers: { ...browser, ...json },
      body: superjson.stringify({ accountId: child.id, name: child.name }),
    },
    {
      name: "account.current (API key)",
      method: "GET",
      path: trpcGet("account.current"),
      headers: { authorization: `Bearer ${created.key}`, "x-tenant": "voicereseller" },
    },
  ];
  for (const row of rows) {
    const answer = await send(row.method, row.path, row.headers, row.body);
    if (answer.status !== 200) throw new Error(`${row.name} answered ${answer.status}: ${answer.body.slice(0, 300)}`);
  }
  // A short warm-up of every row: the first requests load routes, JIT-compile and fill caches.
  for (const row of rows) await load(row, 3);
  if (MEMORY_REQUESTS !== null) {
    await measureMemory(
      rows.filter((row) => row.path.startsWith("/api/trpc/")),
      MEMORY_REQUESTS,
    );
  } else {
    console.log(`[bench:http] warmed up; ${ROUNDS} round(s) of ${DURATION} s per row, ${CONNECTIONS} connections`);

    const cpuBefore = cpuTimes();
    const results = new Map<string, RoundResult[]>(rows.map((row) => [row.name, []]));
    // When each row ran, on the monotonic clock the server's CPU profile uses too (microseconds):
    // with --profile, scripts/bench/profile-rows.ts splits the profile by row with it.
    const windows: { row: string; requests: number; from: number; to: number }[] = [];
    const cpu = new Map<string, CpuSplit>(rows.map((row) => [row.name, { server: 0, database: 0, load: 0 }]));
    for (let round = 0; round < ROUNDS; round++) {
      for (let index = 0; index < rows.length; index++) {
        const row = rows[(index + round) % rows.length] as Row;
        const cpuBeforeRow = cpuSplit(serverPid);
        const startedAt = process.hrtime.bigint();
        const result = await load(row);
        windows.push({
          row: row.name,
          requests: result.requests,
          from: Number(startedAt / 1000n),
          to: Number(process.hrtime.bigint() / 1000n),
        });
        const cpuAfterRow = cpuSplit(serverPid);
        const spent = cpu.get(row.name);
        if (spent && cpuBeforeRow && cpuAfterRow) {
          for (const part of ["server", "database", "load"] as const)
            spent[part] += cpuAfterRow[part] - cpuBeforeRow[part];
        }
        results.get(row.name)?.push(result);
        console.log(
          `[bench:http] round ${round + 1}: ${row.name}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ""}`,
        );
      }
    }
    const stolen = stolenPercent(cpuBefore, cpuTimes());
    if (flags.profile) {
      mkdirSync(PROFILES, { recursive: true });
      writeFileSync(path.join(PROFILES, `rows-${Date.now()}.json`), JSON.stringify(windows, null, 1));
    }

    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const summary = rows.map((row) => {
      const rounds = results.get(row.name) ?? [];
      return {
        name: row.name,
        rps: mean(rounds.map((each) => each.requestsPerSecond)),
        p50: mean(rounds.map((each) => each.p50)),
        p99: mean(rounds.map((each) => each.p99)),
        failed: rounds.reduce((sum, each) => sum + each.non2xx + each.errors, 0),
        requests: rounds.reduce((sum, each) => sum + each.requests, 0),
        cpu: cpu.get(row.name),
      };
    });
    const base = summary[0];
    console.log(
      `\ncommand: npm run bench:http${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    );
    console.log(
      `${CONNECTIONS} connections, ${DURATION} s per row and round, ${ROUNDS} round(s); CPU stolen by the hypervisor: ${stolen === undefined ? "unknown" : `${stolen.toFixed(1)}%`}; ${((Date.now() - started) / 1000).toFixed(0)} s in all\n`,
    );
    console.log(
      "| row | requests/s | p50 ms | p99 ms | × do-nothing (req/s) | p99 × do-nothing | failed | CPU ms per request: server / PostgreSQL / load generator |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const row of summary) {
      const ratio = base ? (row.rps / base.rps).toFixed(2) : "-";
      const p99Ratio = base && base.p99 > 0 ? (row.p99 / base.p99).toFixed(2) : "-";
      const perRequest = (ms: number) => (ms / Math.max(1, row.requests)).toFixed(2);
      const cpuShare = row.cpu
        ? `${perRequest(row.cpu.server)} / ${perRequest(row.cpu.database)} / ${perRequest(row.cpu.load)}`
        : "-";
      console.log(
        `| ${row.name} | ${row.rps.toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${ratio} | ${p99Ratio} | ${row.failed} | ${cpuShare} |`,
      );
    }
  }
} finally {
  if (server.exitCode === null) {
    const stopped = new Promise((resolve) => server.once("exit", resolve));
    server.kill("SIGTERM");
    await stopped;
  }
  await database.stop();
}
