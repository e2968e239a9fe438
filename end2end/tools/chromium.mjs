// What the measuring tools share: Debian's Chromium ($CHROMIUM to use
// another), launched the same way for each; a phone's network as
// Lighthouse's mobile throttling models it; and the hydrated home page's
// first "Fresh tracks" Play button.
import { chromium } from '@playwright/test';

export const launch = () =>
  chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });

/** 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up (CDP's
 * `Network.emulateNetworkConditions`). */
export const PHONE_NETWORK = {
  offline: false,
  latency: 150,
  downloadThroughput: (1.6 * 1024 * 1024) / 8,
  uploadThroughput: (750 * 1024) / 8,
};

export const firstFreshPlay = (page) =>
  page
    .locator('main section')
    .filter({ has: page.getByRole('heading', { name: 'Fresh tracks', exact: true }) })
    .getByRole('button', { name: /^Play / })
    .first();
