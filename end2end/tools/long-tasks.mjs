// The long tasks (over 50 ms) of a page's start in Debian's Chromium under
// Chromium's own 4x CPU throttle (as Lighthouse's mobile profile assumes),
// from navigation until the app has hydrated (`html[data-hydrated]`) and
// 1.5 s after: what blocks the main thread while the app starts.
//   node end2end/tools/long-tasks.mjs RUNS URL...   (scripts/long-tasks.sh)
// Prints, for each page and run, the tasks' durations and their blocking
// time (the sum of each task's time over 50 ms, as TBT counts it).
import { launch } from './chromium.mjs';

const [runs, ...urls] = process.argv.slice(2);
const browser = await launch();
for (const url of urls) {
  for (let run = 1; run <= Number(runs); run++) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const task of list.getEntries()) window.__longTasks.push(Math.round(task.duration));
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(url);
    await page.waitForSelector('html[data-hydrated]', { timeout: 60_000 });
    await page.waitForTimeout(1500);
    const tasks = await page.evaluate(() => window.__longTasks);
    const blocking = tasks.reduce((sum, ms) => sum + Math.max(0, ms - 50), 0);
    console.log(`${new URL(url).pathname.padEnd(16)} run ${run}: long tasks ${JSON.stringify(tasks)} ms, blocking ${blocking} ms`);
    await context.close();
  }
}
await browser.close();
