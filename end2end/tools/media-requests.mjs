// What one Play does on a phone's network, request by request: a fresh
// Chromium context (Lighthouse's mobile throttling: 150 ms round trip,
// 1.6 Mbit/s down) opens the hydrated home page and clicks the first
// "Fresh tracks" Play; prints the audio element's events (ms after the
// click) and every /media request (its Range, the Content-Range answered,
// when it started, answered and ended, ms after the first /media request,
// and the bytes received). Used to find what a phone's click → `playing`
// waits for (docs/benchmarks.md, Pocket's tenth stop).
//   source scripts/lib.sh && serve_demo && node end2end/tools/media-requests.mjs "$URL/"
import { launch, PHONE_NETWORK, firstFreshPlay } from './chromium.mjs';

const [url] = process.argv.slice(2);
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
await cdp.send('Network.emulateNetworkConditions', PHONE_NETWORK);
const requests = new Map();
const media = (id) => requests.get(id);
cdp.on('Network.requestWillBeSent', (e) => {
  const path = new URL(e.request.url).pathname;
  if (path.startsWith('/media/')) requests.set(e.requestId, { path, range: e.request.headers.Range, start: e.timestamp, bytes: 0 });
});
cdp.on('Network.responseReceived', (e) => {
  const r = media(e.requestId);
  if (r) Object.assign(r, { status: e.response.status, contentRange: e.response.headers['content-range'] ?? e.response.headers['Content-Range'], answered: e.timestamp });
});
cdp.on('Network.dataReceived', (e) => {
  const r = media(e.requestId);
  if (r) r.bytes += e.dataLength;
});
cdp.on('Network.loadingFinished', (e) => {
  const r = media(e.requestId);
  if (r) r.end = e.timestamp;
});
cdp.on('Network.loadingFailed', (e) => {
  const r = media(e.requestId);
  if (r) Object.assign(r, { end: e.timestamp, failed: e.errorText });
});

await page.goto(url);
await page.waitForSelector('html[data-hydrated]', { timeout: 60_000 });
requests.clear();
await page.evaluate(() => {
  window.__events = [];
  for (const type of ['loadstart', 'durationchange', 'loadedmetadata', 'canplay', 'playing', 'waiting'])
    document.addEventListener(type, (e) => window.__events.push([type, performance.now(), e.target.currentSrc]), { capture: true });
  window.__clickAt = new Promise((resolve) =>
    document.addEventListener('click', () => resolve(performance.now()), { capture: true, once: true }),
  );
});
await firstFreshPlay(page).click();
await page.waitForFunction(() => window.__events.some(([type]) => type === 'playing'), null, { timeout: 30_000 });
const clickAt = await page.evaluate(() => window.__clickAt);
const events = await page.evaluate(() => window.__events);
const firstPlaying = events.find(([type]) => type === 'playing')[2];
const ms = (t, from) => `${Math.round((t - from) * 1000)}`;
console.log('audio events, ms after the click (the track clicked):');
for (const [type, at, src] of events.filter(([, , src]) => src === firstPlaying)) console.log(`  ${type.padEnd(15)} ${Math.round(at - clickAt)}`);
const clicked = new URL(firstPlaying).pathname;
const mine = [...requests.values()].filter((r) => r.path === clicked).sort((a, b) => a.start - b.start);
const first = mine[0]?.start ?? 0;
console.log('its requests, ms after the first (start / answered / ended):');
for (const r of mine) {
  const ended = r.end === undefined ? 'open' : ms(r.end, first);
  console.log(`  Range ${r.range ?? '-'} → ${r.status} ${r.contentRange ?? ''}: ${ms(r.start, first)} / ${ms(r.answered, first)} / ${ended}, ${r.bytes} B ${r.failed ?? ''}`);
}
await browser.close();
