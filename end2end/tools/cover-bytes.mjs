// The bytes of cover images (/media/...) pages load in Debian's Chromium at
// a phone's viewport, without scrolling (what the first screen loads), each
// page in a fresh context (empty cache). Used by scripts/cover-bytes.sh:
//   node end2end/tools/cover-bytes.mjs WIDTH DEVICE_SCALE_FACTOR URL...
// Prints, per page, each image's body bytes and path and the page's sum,
// then `total: N images, B bytes on P pages`.
import { launch } from './chromium.mjs';

const [width, scale, ...urls] = process.argv.slice(2);
if (!urls.length) {
  console.error('usage: cover-bytes.mjs WIDTH DEVICE_SCALE_FACTOR URL...');
  process.exit(2);
}

const browser = await launch();
let [count, total] = [0, 0];
for (const url of urls) {
  const context = await browser.newContext({
    viewport: { width: Number(width), height: 844 },
    deviceScaleFactor: Number(scale),
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  const loads = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'image' && new URL(request.url()).pathname.startsWith('/media/')) {
      loads.push(request.sizes().then((sizes) => [new URL(request.url()).pathname, sizes.responseBodySize]));
    }
  });
  await page.goto(url, { waitUntil: 'networkidle' });
  const images = await Promise.all(loads);
  const sum = images.reduce((acc, [, bytes]) => acc + bytes, 0);
  console.log(`${new URL(url).pathname}: ${images.length} images, ${sum} bytes`);
  for (const [path, bytes] of images) console.log(`  ${bytes}\t${path}`);
  [count, total] = [count + images.length, total + sum];
  await context.close();
}
console.log(`total: ${count} images, ${total} bytes on ${urls.length} pages (${width} px wide, device scale ${scale})`);
await browser.close();
