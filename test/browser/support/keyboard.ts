/**
 * Driving a page with the keyboard alone (issue 15: the whole journey done with the keyboard):
 * Tab and Shift+Tab to reach a control, the arrow keys and Space for radios, checkboxes and
 * selects, typing into the focused field, Enter to follow a link or send a form. Nothing here
 * clicks or fills: a control the keyboard cannot reach fails the test, after a bounded number of
 * presses, naming it.
 *
 * The functions run in the page are written against a minimal shape of the DOM (the specs are
 * compiled without the DOM's types).
 */
import type { Locator, Page } from 'playwright-core';

/** The design system's focus colour (`$govuk-focus-colour`, #ffdd00) as computed styles write it. */
export const FOCUS_YELLOW = 'rgb(255, 221, 0)';

interface DomElement {
  ownerDocument: { activeElement: DomElement | null };
  contains(other: DomElement | null): boolean;
}

/** Where the focus is, and what makes it visible, read in the page. */
const FOCUS_STYLE = `(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return { tag: 'body', id: '', className: '', styles: [] };
  const s = getComputedStyle(el);
  const styles = [s.outlineStyle === 'none' ? '' : s.outlineColor, s.boxShadow, s.backgroundColor];
  // A radio's or checkbox's focus ring is drawn by its label's ::before (the input itself is invisible).
  if (el.matches('.govuk-radios__input, .govuk-checkboxes__input') && el.nextElementSibling) {
    const ring = getComputedStyle(el.nextElementSibling, '::before');
    styles.push(ring.outlineStyle === 'none' ? '' : ring.outlineColor, ring.boxShadow);
  }
  return { tag: el.tagName.toLowerCase(), id: el.id, className: String(el.className), styles };
})()`;

/** What is focused now: its tag, id, classes and the styles that would show the focus. */
export interface FocusState {
  tag: string;
  id: string;
  className: string;
  styles: string[];
}

/** The keyboard of one page, with the few moves a journey needs. */
export class KeyboardUser {
  constructor(
    private readonly page: Page,
    /** Presses of Tab allowed to reach a control before the test fails. */
    private readonly maxPresses = 80,
  ) {}

  /** Whether `target` (one element) has the focus. */
  async isFocused(target: Locator): Promise<boolean> {
    return target.evaluate((el) => (el as unknown as DomElement).ownerDocument.activeElement === (el as unknown as DomElement));
  }

  /** Whether the focus is on `container` or inside it. */
  async focusIsWithin(container: Locator): Promise<boolean> {
    return container.evaluate((el) => (el as unknown as DomElement).contains((el as unknown as DomElement).ownerDocument.activeElement));
  }

  /** The focused element, as `FocusState`. */
  async focus(): Promise<FocusState> {
    return (await this.page.evaluate(FOCUS_STYLE)) as FocusState;
  }

  /** Presses Tab (Shift+Tab with `back`) until `target` has the focus; fails after `maxPresses`. */
  async tabTo(target: Locator, options: { back?: boolean; within?: boolean } = {}): Promise<void> {
    const found = await target.count();
    if (found !== 1) throw new Error(`Expected one control to tab to, found ${found}: ${String(target)}`);
    const reached = options.within ? () => this.focusIsWithin(target) : () => this.isFocused(target);
    for (let i = 0; i < this.maxPresses; i++) {
      await this.page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
      if (await reached()) return;
    }
    throw new Error(`${String(target)} was not reached with ${this.maxPresses} presses of ${options.back ? 'Shift+Tab' : 'Tab'}`);
  }

  /** Tabs to a text box or textarea and types `text` into it. */
  async typeInto(field: Locator, text: string): Promise<void> {
    await this.tabTo(field);
    await this.page.keyboard.type(text);
  }

  /**
   * Chooses a radio: Tab into its group (the browser stops on the group's checked radio, or its
   * first), then the arrow keys (which move and check) until it is the one; Space when it is
   * focused but not yet checked (the first radio of a group with none checked).
   */
  async choose(radio: Locator): Promise<void> {
    const name = await radio.getAttribute('name');
    if (name === null) throw new Error(`${String(radio)} is not a named radio`);
    const group = this.page.locator(`input[type="radio"][name="${name}"]`);
    const size = await group.count();
    await this.tabTo(radio.locator('xpath=ancestor::fieldset[1]'), { within: true });
    for (let i = 0; i < size && !(await this.isFocused(radio)); i++) await this.page.keyboard.press('ArrowDown');
    if (!(await this.isFocused(radio))) throw new Error(`${String(radio)} was not reached with the arrow keys`);
    if (!(await radio.isChecked())) await this.page.keyboard.press('Space');
    expect(await radio.isChecked()).toBe(true);
  }

  /** Tabs to a checkbox and ticks it with Space. */
  async tick(checkbox: Locator): Promise<void> {
    await this.tabTo(checkbox);
    await this.page.keyboard.press('Space');
    expect(await checkbox.isChecked()).toBe(true);
  }

  /** Tabs to a select and moves through it with the arrow keys until the option `label` is selected. */
  async select(select: Locator, label: string): Promise<void> {
    await this.tabTo(select);
    const options = await select.locator('option').count();
    const selected = (): Promise<string> => select.evaluate((el) => {
      const s = el as unknown as { selectedOptions: Array<{ textContent: string | null }> };
      return (s.selectedOptions[0]?.textContent ?? '').trim();
    });
    for (let i = 0; i < options && (await selected()) !== label; i++) await this.page.keyboard.press('ArrowDown');
    expect(await selected()).toBe(label);
  }

  /** A day in a date input's three boxes: Tab to the day, then type, Tab, type, Tab, type. */
  async typeDay(group: Locator, day: string, month: string, year: string): Promise<void> {
    await this.typeInto(group.getByLabel('Day', { exact: true }), day);
    for (const [label, value] of [['Month', month], ['Year', year]] as const) {
      await this.page.keyboard.press('Tab');
      expect(await this.isFocused(group.getByLabel(label, { exact: true }))).toBe(true);
      await this.page.keyboard.type(value);
    }
  }

  /** Presses Enter on what is focused and waits for the page it leads to. */
  async enterAndWait(): Promise<void> {
    await Promise.all([this.page.waitForEvent('load'), this.page.keyboard.press('Enter')]);
  }

  /** Tabs to a link or button and follows it with Enter. */
  async follow(target: Locator): Promise<void> {
    await this.tabTo(target);
    await this.enterAndWait();
  }

  /** Expects the focus to show: the design system's yellow in its outline, shadow, background or (for a radio or checkbox) its label's ring. */
  async expectFocusVisible(): Promise<FocusState> {
    const now = await this.focus();
    expect({ focused: `${now.tag}#${now.id}.${now.className}`, visible: now.styles.some((style) => style.includes(FOCUS_YELLOW)) }).toEqual({ focused: `${now.tag}#${now.id}.${now.className}`, visible: true });
    return now;
  }
}
