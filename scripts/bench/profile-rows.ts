// Splits the server's CPU profile from `npm run bench:http -- --profile` by row: for each row, the
// main thread's busy time per request, then where it went, by package (or project file) including
// callees and by function excluding them. Not a test; it prints what docs/PERFORMANCE.md cites.
//   npx tsx scripts/bench/profile-rows.ts [profile.cpuprofile] [rows.json] [--top N]

import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";

type CallFrame = { functionName: string; url: string };
type ProfileNode = { id: number; callFrame: CallFrame; children?: number[] };
type Profile = { nodes: ProfileNode[]; startTime: number; samples: number[]; timeDeltas: number[] };
type RowWindow = { row: string; requests: number; from: number; to: number };

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: "string", default: "25" } },
});
const TOP = Number(flags.top);
const PROFILES = path.resolve(".data", "bench-http", "profiles");

/** The newest file in the profiles folder whose name `matches`. */
function newest(matches: (name: string) => boolean): string {
  const [first] = readdirSync(PROFILES)
    .filter(matches)
    .map((name) => path.join(PROFILES, name))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!first) throw new Error(`nothing in ${PROFILES}: run npm run bench:http -- --profile first`);
  return first;
}

// Node names a profile CPU.<date>.<time>.<pid>.<thread>.<n>.cpuprofile; thread 0 is the main one.
const profileFile = positionals[0] ?? newest((name) => /\.0\.\d+\.cpuprofile$/.test(name));
const windowsFile = positionals[1] ?? newest((name) => name.startsWith("rows-") && name.endsWith(".json"));

const profile = JSON.parse(readFileSync(profileFile, "utf8")) as Profile;
const windows = JSON.parse(readFileSync(windowsFile, "utf8")) as RowWindow[];

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);

/** Where a frame's code lives: the npm package, the project file, or V8's own name for it. */
function placeOf(frame: CallFrame): string {
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (inPackage?.[1]) return inPackage[1];
  const inProject = /\/\.next\/server\/(.*)$/.exec(frame.url);
  if (inProject?.[1]) return `.next/${inProject[1]}`;
  return frame.url ? frame.url.replace(/^.*\/(?=[^/]+\/[^/]+$)/, "") : `(${frame.functionName || "native"})`;
}
const IDLE = new Set(["(idle)", "(program)", "(garbage collector)"]);

// Sample times on the monotonic clock, the one the bench wrote the rows' windows with.
const times: number[] = [];
let clock = profile.startTime;
for (const delta of profile.timeDeltas) {
  clock += delta;
  times.push(clock);
}

const percent = (part: number, whole: number) => `${((100 * part) / Math.max(1, whole)).toFixed(1).padStart(5)}%`;

for (const window of windows) {
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let garbage = 0;
  let samples = 0;
  let spanUs = 0;
  for (let index = 0; index < profile.samples.length; index++) {
    const at = times[index] ?? 0;
    if (at < window.from || at > window.to) continue;
    samples++;
    spanUs += profile.timeDeltas[index + 1] ?? 0;
    const leaf = nodes.get(profile.samples[index] ?? -1);
    if (!leaf) continue;
    const name = leaf.callFrame.functionName;
    if (name === "(idle)") continue;
    if (name === "(garbage collector)") garbage++;
    busy++;
    byFunction.set(
      `${name || "(anonymous)"} ${placeOf(leaf.callFrame)}`,
      (byFunction.get(`${name || "(anonymous)"} ${placeOf(leaf.callFrame)}`) ?? 0) + 1,
    );
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parentOf.get(id)) {
      const node = nodes.get(id);
      if (!node) break;
      const place = IDLE.has(node.callFrame.functionName) ? node.callFrame.functionName : placeOf(node.callFrame);
      if (seen.has(place)) continue;
      seen.add(place);
      byPlace.set(place, (byPlace.get(place) ?? 0) + 1);
    }
  }
  const sampleUs = spanUs / Math.max(1, samples);
  const busyMsPerRequest = (busy * sampleUs) / 1000 / Math.max(1, window.requests);
  console.log(
    `\n## ${window.row}: ${window.requests} requests; main thread busy ${percent(busy, samples).trim()} of the row, ` +
      `${busyMsPerRequest.toFixed(2)} ms per request (garbage collection ${percent(garbage, busy).trim()} of that)`,
  );
  const msPerRequest = (count: number) =>
    ((count * sampleUs) / 1000 / Math.max(1, window.requests)).toFixed(3).padStart(6);
  console.log("ms per request by package or file, callees included:");
  for (const [place, count] of [...byPlace].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${msPerRequest(count)}  ${place}`);
  console.log("ms per request by function, callees excluded:");
  for (const [name, count] of [...byFunction].sort((a, b) => b[1] - a[1]).slice(0, TOP))
    console.log(`${msPerRequest(count)}  ${name}`);
}
