import { test } from "@playwright/test";
import { expectAccessible, origin, VIEWPORTS } from "../helpers";

for (const viewport of VIEWPORTS) {
  test(`the pages anyone can reach pass axe on a ${viewport.name}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    for (const url of [
      `${origin("localhost")}/login`,
      `${origin("acme.localhost")}/login`,
      `${origin("localhost")}/open-as-ended`,
      `${origin("localhost")}/no-such-page`,
      `${origin("nobody-here.localhost")}/login`,
    ]) {
      await page.goto(url);
      await expectAccessible(page, url);
    }
  });
}
