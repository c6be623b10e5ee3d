// Drives Debian's chromium through tocsin's UI: markers on the map, a country filter, an
// event page with its evidence highlighted, a CSV export, an entity page with its trend, a
// Parquet export, and hostile article text that must
// stay inert. Usage: node ui.mjs BASE_URL [SCREENSHOT.png]. Exit status 0 when all hold.
import { chromium } from 'playwright-core';

const base = process.argv[2];
const shot = process.argv[3];
const fail = (msg) => {
  console.error('FAIL: ' + msg);
  process.exit(1);
};

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
const dialogs = [];
const errors = [];
page.on('dialog', async (d) => {
  dialogs.push(d.message());
  await d.dismiss();
});
page.on('pageerror', (e) => errors.push(String(e)));

await page.goto(base, { waitUntil: 'load' });
await page.waitForSelector('path.event-marker', { timeout: 20000 });
const markers = await page.locator('path.event-marker').count();
if (markers < 2) fail(`expected markers for the stored events, saw ${markers}`);
console.log(`map: ${markers} markers`);

// Filter by country.
await page.fill('#filters input[name=country]', 'PK');
await page.click('#apply');
await page.waitForFunction(() => {
  const rows = [...document.querySelectorAll('#events tbody tr')];
  return rows.length > 0 && rows.every((r) => r.textContent.includes('(PK)'));
}, null, { timeout: 10000 });
console.log('filter: every row is in Pakistan');

// Open an event: the sentence behind its figures is highlighted in the article.
await page.click('#events tbody tr');
await page.waitForSelector('#event mark.evidence', { timeout: 10000 });
const marked = await page.locator('#event mark.evidence').first().textContent();
if (!marked.includes('killing at least 12')) fail(`the highlighted evidence is ${JSON.stringify(marked)}`);
const killed = await page.locator('#event .figure').first().textContent();
if (!killed.includes('Killed: ≥12')) fail(`the killed figure reads ${JSON.stringify(killed)}`);
console.log('event: evidence highlighted: ' + marked.slice(0, 60));
if (shot) await page.screenshot({ path: shot, fullPage: true });

// Export what is shown.
const href = await page.getAttribute('#export', 'href');
const csv = await page.request.get(new URL(href, base).href);
const body = await csv.text();
if (csv.status() !== 200 || !body.startsWith('id,date') || !body.includes(',PK,')) fail('CSV export: ' + body.slice(0, 200));
console.log(`export: ${body.trim().split('\n').length - 1} rows`);

// An entity page: the Somali bombing's claimed perpetrator, its trend and its events; and
// the list of most-named entities.
await page.fill('#filters input[name=country]', 'SO');
await page.click('#apply');
await page.waitForFunction(() => {
  const rows = [...document.querySelectorAll('#events tbody tr')];
  return rows.length > 0 && rows.every((r) => r.textContent.includes('(SO)'));
}, null, { timeout: 10000 });
await page.click('#events tbody tr');
const perp = page.locator('#event a.entity-link', { hasText: /shabaab/i });
await perp.waitFor({ timeout: 10000 });
await perp.click();
await page.waitForSelector('#entity .trend rect', { timeout: 10000 });
const entityName = await page.locator('#entity h2').textContent();
if (!/shabaab/i.test(entityName)) fail('entity page for ' + JSON.stringify(entityName));
const facts = await page.locator('#entity p.muted').first().textContent();
if (!facts.includes('perpetrator in 1 event')) fail('entity facts: ' + facts);
const entityEvents = await page.locator('#entity .entity-events li').count();
if (entityEvents < 1) fail('the entity page lists no events');
await page.waitForSelector('#entities a.entity-link', { timeout: 10000 });
console.log(`entity: ${entityName}: ${facts}; ${entityEvents} event(s), trend drawn`);
if (shot) await page.screenshot({ path: shot.replace(/\.png$/, '') + '-entity.png', fullPage: true });
const parquet = await page.request.get(new URL(await page.getAttribute('#export-parquet', 'href'), base).href);
const magic = Buffer.from(await parquet.body()).subarray(0, 4).toString();
if (parquet.status() !== 200 || magic !== 'PAR1') fail(`Parquet export: ${parquet.status()} ${magic}`);
console.log('export: Parquet file');

// Hostile text stays text.
await page.fill('#filters input[name=country]', 'AF');
await page.click('#apply');
await page.waitForFunction(() => {
  const rows = [...document.querySelectorAll('#events tbody tr')];
  return rows.length > 0 && rows.every((r) => r.textContent.includes('(AF)'));
}, null, { timeout: 10000 });
await page.click('#events tbody tr');
await page.waitForFunction(() => (document.querySelector('#event h3') || {}).textContent?.includes('Kabul'), null, { timeout: 10000 });
const title = await page.locator('#event h3').textContent();
if (!title.includes('<script>')) fail('the hostile title should be shown as text: ' + title);
await page.fill('#search input[name=q]', 'onerror');
await page.click('#search button');
await page.waitForSelector('#hits .hit', { timeout: 10000 });
const state = await page.evaluate(() => ({
  pwned: window.__pwned,
  scripts: document.querySelectorAll('#event script, #hits script, #events script').length,
  imgs: document.querySelectorAll('#event img, #hits img, #events img').length,
  jsLinks: [...document.querySelectorAll('a')].filter((a) => (a.getAttribute('href') || '').trim().toLowerCase().startsWith('javascript:')).length,
  handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => a.name.startsWith('on'))).length,
}));
if (state.pwned !== undefined || state.scripts || state.imgs || state.jsLinks || state.handlers || dialogs.length) {
  fail('hostile text was not inert: ' + JSON.stringify({ ...state, dialogs }));
}
if (errors.length) fail('page errors: ' + errors.join('; '));
console.log('security: hostile title, text and links are inert');
await browser.close();
console.log('ok');
