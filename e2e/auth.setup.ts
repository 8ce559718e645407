import { test as setup } from "@playwright/test";
import { STATE_DIR } from "../playwright.config";
import { origin, signIn } from "./helpers";

setup("Bistro's owner signs in on voicereseller.localhost", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: origin("voicereseller.localhost") });
  const page = await context.newPage();
  await signIn(page, { tenant: "bistro", email: "owner@bistro.test" });
  await context.storageState({ path: `${STATE_DIR}/bistro.json` });
  await context.close();
});

setup("Acme's owner signs in on acme.localhost", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: origin("acme.localhost") });
  const page = await context.newPage();
  await signIn(page, { email: "owner@acme.test" });
  await context.storageState({ path: `${STATE_DIR}/acme.json` });
  await context.close();
});
