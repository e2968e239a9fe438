// Time to first audio: from a click on a track's Play button on the
// hydrated home page to the audio element's first `playing` event, in
// Debian's Chromium, each run in a fresh browser context (nothing cached).
// Runs on the plain network and on a phone's (Lighthouse's mobile
// throttling: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up), both as
// a first visit; then as a returning listener on the plain network: the
// same context opened the page before and its service worker is active
// (installed, what the page starts with precached).
//   node end2end/tools/time-to-play.mjs RUNS URL   (scripts/time-to-play.sh)
// Prints each run's click → `playing` time and the median of each case.
import { launch, PHONE_NETWORK, firstFreshPlay } from './chromium.mjs';

const [runs, url] = process.argv.slice(2);
const cases = {
  plain: { network: null, returning: false },
  phone: { network: PHONE_NETWORK, returning: false },
  return: { network: null, returning: true },
};
const browser = await launch();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
for (const [name, { network, returning }] of Object.entries(cases)) {
  const times = [];
  for (let run = 1; run <= Number(runs); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (network) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.emulateNetworkConditions', network);
    }
    if (returning) {
      await page.goto(url);
      await page.evaluate(() => navigator.serviceWorker.ready);
    }
    await page.goto(url);
    await page.waitForSelector('html[data-hydrated]', { timeout: 60_000 });
    await page.evaluate(() => {
      window.__clickAt = new Promise((resolve) =>
        document.addEventListener('click', () => resolve(performance.now()), { capture: true, once: true }),
      );
      window.__playingAt = new Promise((resolve) =>
        document.addEventListener('playing', () => resolve(performance.now()), { capture: true, once: true }),
      );
    });
    await firstFreshPlay(page).click();
    const ms = await page.evaluate(async () => Math.round((await window.__playingAt) - (await window.__clickAt)));
    times.push(ms);
    console.log(`${name.padEnd(6)} run ${run}: click → playing ${ms} ms`);
    await context.close();
  }
  console.log(`${name.padEnd(6)} median of ${times.length}: ${median(times)} ms (${Math.min(...times)}–${Math.max(...times)})`);
}
await browser.close();
