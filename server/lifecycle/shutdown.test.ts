import { afterEach, expect, it, vi } from "vitest";
import { atShutdown, runShutdownWork } from "./shutdown";

const takeBack: (() => void)[] = [];
afterEach(() => {
  for (const undo of takeBack.splice(0)) undo();
  vi.useRealTimers();
});

it("runs every piece of work registered, at once, and answers 0 when all finished", async () => {
  const done: string[] = [];
  takeBack.push(atShutdown(async () => void done.push("first")));
  takeBack.push(atShutdown(async () => void done.push("second")));
  expect(await runShutdownWork(1000)).toBe(0);
  expect(done.sort()).toEqual(["first", "second"]);
});

it("does not run work taken back", async () => {
  let ran = false;
  atShutdown(async () => {
    ran = true;
  })();
  expect(await runShutdownWork(1000)).toBe(0);
  expect(ran).toBe(false);
});

it("counts a failure and a piece still running at the deadline, and lets the others finish", async () => {
  let finished = false;
  takeBack.push(atShutdown(() => Promise.reject(new Error("the database is gone"))));
  takeBack.push(atShutdown(() => new Promise<void>(() => {})));
  takeBack.push(
    atShutdown(async () => {
      finished = true;
    }),
  );
  expect(await runShutdownWork(50)).toBe(2);
  expect(finished).toBe(true);
});

it("is one registry for the whole process, whichever copy of the module registers", async () => {
  vi.resetModules();
  const otherCopy = await import("./shutdown");
  let ran = false;
  takeBack.push(
    otherCopy.atShutdown(async () => {
      ran = true;
    }),
  );
  expect(await runShutdownWork(1000)).toBe(0);
  expect(ran).toBe(true);
});
