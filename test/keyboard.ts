import type { Page } from 'playwright-core';

/**
 * Keyboard-only driving for the browser journeys: every step reaches its control with Tab (or the
 * arrow keys), so a journey that passes proves the page is usable without a mouse.
 */

/** Presses Tab until `selector` has focus: proves the control is reachable by keyboard alone. */
export async function tabTo(page: Page, selector: string, maxPresses = 250): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} is not reachable with the Tab key on ${page.url()}`);
}

/** Chooses an option with the arrow keys (type-ahead in a closed select is unreliable headless). */
export async function chooseOption(page: Page, selector: string, value: string, maxSteps = 60): Promise<void> {
  await tabTo(page, selector);
  for (let i = 0; i < maxSteps; i++) {
    if ((await page.inputValue(selector)) === value) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`could not choose ${value} in ${selector} with the arrow keys`);
}

/** Replaces the field's text with `text`, typed key by key. */
export async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** Activates a link or submit button with Enter and waits for the page it leads to. */
export async function pressEnterOn(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
}

/** Toggles the focused checkbox with Space. */
export async function toggle(page: Page, selector: string): Promise<void> {
  await tabTo(page, selector);
  await page.keyboard.press('Space');
}
