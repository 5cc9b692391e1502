// What the browser check asserts on the rendered Redoc page. Each check returns what it saw,
// or throws an error naming the step that failed. Selectors are Redoc 3's
// (`data-component-name`, `data-testid`, `data-text`) and its accessible roles.
import { setTimeout as delay } from 'node:timers/promises';

const TIMEOUT = 10_000;
const squash = (text) => text.replace(/\s+/g, ' ').trim();
const cssString = (text) => JSON.stringify(text);
const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const oneOf = (texts) => new RegExp(`^\\s*(${texts.map(escapeRegExp).join('|')})\\s*$`);

/** Runs one step; a failure names the step rather than the locator that timed out. */
async function step(what, run) {
  try {
    return await run();
  } catch (error) {
    throw new Error(`${what}: ${String(error?.message ?? error).split('\n')[0]}`);
  }
}

/** Waits until `locator`'s visible text holds `text` (whitespace-insensitive); returns the text. */
async function waitForText(locator, text, what) {
  const want = squash(text);
  const deadline = Date.now() + TIMEOUT;
  for (;;) {
    const shown = squash(await locator.innerText());
    if (shown.includes(want)) return shown;
    if (Date.now() > deadline) throw new Error(`${what} is not shown (looked for ${JSON.stringify(want.slice(0, 80))})`);
    await delay(100);
  }
}

/** An operation's heading; its accessible name also holds its anchor link's label, so match the text. */
const headingOf = (section, summary) => section.getByRole('heading').filter({ hasText: oneOf([summary]) }).first();
/** An entry of an open dropdown menu, matched by its text (its accessible name may hold an icon's). */
const menuItem = (page, label) => page.getByRole('menuitem').filter({ hasText: oneOf([label]) }).first();
const menuOf = (page) => page.locator('[data-component-name="Menu/Menu"]');
const menuEntry = (page, label) => menuOf(page).locator('a', { has: page.locator(`[data-text=${cssString(label)}]`) });

/** The page has hydrated: the sidebar and the API's title are there. */
export async function checkPageRenders(page, definition) {
  await step('the sidebar', () => menuOf(page).waitFor({ timeout: TIMEOUT }));
  const title = page.getByRole('heading', { level: 1 }).filter({ hasText: definition.info.title }).first();
  await step('the title', () => title.waitFor({ timeout: TIMEOUT }));
  return `title "${squash(await title.innerText())}", sidebar present`;
}

/** Opens an operation from its sidebar entry (expanding its tag's group); returns its section id. */
async function openOperation(page, op) {
  const link = menuEntry(page, op.summary);
  if (!(await link.isVisible())) await step(`the sidebar group "${op.tag}"`, () => menuEntry(page, op.tag).click());
  await step(`the sidebar entry "${op.summary}"`, () => link.waitFor({ timeout: TIMEOUT }));
  const id = ((await link.getAttribute('href')) ?? '').replace(/^#\/?/, '');
  if (!id) throw new Error(`the sidebar entry "${op.summary}" has no link`);
  await link.click();
  return id;
}

/** Picks an entry of the right panel's sample menu (curl, TypeScript, Payload). */
async function chooseSample(page, section, label, labels) {
  const button = section.locator('button[aria-haspopup="menu"]').filter({ hasText: oneOf(labels) }).first();
  await step('the sample menu', () => button.waitFor({ timeout: TIMEOUT }));
  if (squash(await button.innerText()) === label) return;
  await button.click();
  await step(`the sample menu entry "${label}"`, () => menuItem(page, label).click({ timeout: TIMEOUT }));
}

/** Picks a request-body example by its summary in the payload panel. */
async function chooseExample(page, section, summary, summaries) {
  const button = section.locator('button').filter({ hasText: oneOf(summaries) }).first();
  await step('the example menu', () => button.waitFor({ timeout: TIMEOUT }));
  if (squash(await button.innerText()) === summary) return;
  await button.click();
  await step(`the example menu entry "${summary}"`, () => menuItem(page, summary).click({ timeout: TIMEOUT }));
}

/**
 * An operation renders: its sidebar entry opens its section, whose heading is its summary;
 * each request-body example shows its value and each `x-codeSamples` entry its source.
 * Resolves to the section id, a description, and the text shown across the examples.
 */
export async function checkOperation(page, op) {
  const id = await openOperation(page, op);
  const section = page.locator(`[id=${cssString(id)}]`);
  await step(`the heading "${op.summary}"`, () => headingOf(section, op.summary).waitFor({ timeout: TIMEOUT }));
  const labels = [...op.samples.map((s) => s.label ?? s.lang), 'Payload'];
  let examplesText = '';
  if (op.requestExamples.length > 0) {
    await chooseSample(page, section, 'Payload', labels);
    const summaries = op.requestExamples.map((e) => e.summary);
    for (const example of op.requestExamples) {
      await chooseExample(page, section, example.summary, summaries);
      examplesText += await waitForText(section, JSON.stringify(example.value, null, 2), `the example "${example.summary}"`);
    }
  }
  if (op.samples.length === 0) throw new Error(`${op.operationId} has no x-codeSamples in the page`);
  for (const sample of op.samples) {
    await chooseSample(page, section, sample.label ?? sample.lang, labels);
    await waitForText(section, sample.source, `the ${sample.label ?? sample.lang} sample`);
  }
  const seen = [`#/${id}`, ...labels.slice(0, -1)];
  if (op.requestExamples.length) seen.push(`${op.requestExamples.length} payload examples`);
  return { id, detail: seen.join(', '), examplesText };
}

/** The overview's error-code table has the code's row, with its status, name and message. */
export async function checkErrorCode(page, entry) {
  await step('the overview', () => menuOf(page).locator('a').first().click({ timeout: TIMEOUT }));
  const cell = page.locator('td', { hasText: new RegExp(`^\\s*${entry.code}\\s*$`) });
  const row = page.locator('tr', { has: cell }).first();
  await step(`the row of ${entry.code}`, () => row.scrollIntoViewIfNeeded({ timeout: TIMEOUT }));
  const text = squash(await row.innerText());
  for (const part of [String(entry.status), entry.name, entry.message]) {
    if (!text.includes(part)) throw new Error(`the row of error code ${entry.code} lacks "${part}": ${text}`);
  }
  return `row: ${text}`;
}

/**
 * The search box finds `query` (an operationId), and one of its results is the operation
 * itself: picking it opens the operation's section.
 */
export async function checkSearch(page, query, op, id) {
  await step('the search box', () => page.getByTestId('search-trigger').click({ timeout: TIMEOUT }));
  const dialog = page.getByTestId('search-dialog');
  const input = dialog.locator('input');
  const results = dialog.locator('[data-component-name="Search/SearchItem"]');
  await input.fill(query);
  await step(`a result for "${query}"`, () => results.filter({ hasText: query }).first().waitFor({ timeout: TIMEOUT }));
  const found = await results.count();
  const result = dialog.locator(`a[href=${cssString(`#/${id}`)}]`).first();
  await step(`the result for "${query}" that is the operation`, () => result.click({ timeout: TIMEOUT }));
  const heading = headingOf(page.locator(`[id=${cssString(id)}]`), op.summary);
  await step(`the section opened from search`, () => heading.waitFor({ timeout: TIMEOUT }));
  return `"${query}": ${found} result(s); its operation result opens #/${id}`;
}

/**
 * Opens an operation with one of its samples showing, for the screenshot. The first request
 * example is selected, since the samples are made from it.
 */
export async function showOperation(page, op, label) {
  const id = await openOperation(page, op);
  const section = page.locator(`[id=${cssString(id)}]`);
  const sample = op.samples.find((s) => (s.label ?? s.lang) === label);
  const labels = [...op.samples.map((s) => s.label ?? s.lang), 'Payload'];
  if (op.requestExamples.length > 0) {
    await chooseSample(page, section, 'Payload', labels);
    const summaries = op.requestExamples.map((e) => e.summary);
    await chooseExample(page, section, summaries[0], summaries);
  }
  if (sample) {
    await chooseSample(page, section, label, labels);
    await waitForText(section, sample.source, `the ${label} sample`);
  }
  await section.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await delay(300);
  return sample ? label : 'no sample';
}
