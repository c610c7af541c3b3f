/** Pointer gestures on the timeline, shared by the timeline harness test and the studio test. */
import type { Page } from '@playwright/test';

/** Page x of time `t` on the lanes. */
export async function xOf(page: Page, t: number): Promise<number> {
  const svg = page.locator('svg.view');
  const box = (await svg.boundingBox())!;
  const pps = Number(await svg.getAttribute('data-px-per-second'));
  const pad = Number(await svg.getAttribute('data-pad'));
  const scroll = await page.locator('.scroller').evaluate((el) => el.scrollLeft);
  return box.x + pad + t * pps - scroll;
}

export async function dragOnExpression(page: Page, from: number, to: number): Promise<void> {
  const lane = (await page.locator('.select-hit').boundingBox())!;
  const y = lane.y + lane.height / 2;
  await page.mouse.move(await xOf(page, from), y);
  await page.mouse.down();
  await page.mouse.move(await xOf(page, to), y, { steps: 8 });
  await page.mouse.up();
}

