// Chorus service worker (served by the server at /sw.js, which stamps it
// with the build's id and bundle files: server/src/routes/service_worker.rs).
//
// - Installable app shell: the offline page, the Downloads page, icons and
//   what this build's pages start with (/pkg: the main module, its script
//   and style) are cached at install; visited pages and assets are cached
//   as they load (network first), so a page seen before opens without a
//   network.
// - The rest of the bundle, the lazy parts' chunks (a hundred small
//   files), is cached when the page asks ("cache-app"): a few seconds after
//   it starts, or before it says an album is downloaded. Fetched at install,
//   they held a first visit's Play back (click → playing, median: 126 ms
//   with them, 61 ms without; docs/benchmarks.md); one at a time, later,
//   they share the network with nothing the listener waits for.
// - Versioned: the shell cache is named by the build. When a new build's
//   worker activates it deletes the old build's caches (old /pkg files
//   with them). The running page keeps the code it already loaded.
// - Downloaded music: the page stores an album's audio and cover in the
//   downloads cache (app/src/downloads); this worker answers /media
//   requests for those files from it, Range requests included (206 with
//   Content-Range), so playing and seeking work with the network off. Any
//   other /media or /api request goes straight to the network.
const BUILD = "__CHORUS_BUILD__";
const PKG = __CHORUS_PKG__;
const CHUNKS = __CHORUS_CHUNKS__;
const SHELL = `chorus-shell-${BUILD}`;
// Kept across deploys; the page writes it (DOWNLOADS_CACHE in app/src/downloads).
const DOWNLOADS = "chorus-downloads-v1";
const OFFLINE_URL = "/offline.html";
const PRECACHE = [
  OFFLINE_URL,
  "/downloads",
  "/manifest.webmanifest",
  "/icons/icon.svg",
  "/icons/icon-192.png",
  ...PKG.filter((path) => !CHUNKS.includes(path)),
];

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(SHELL).then((cache) => cache.addAll(PRECACHE)).then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((k) => k.startsWith("chorus-") && k !== SHELL && k !== DOWNLOADS)
            .map((k) => caches.delete(k)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// Paths of the downloaded files, read from the downloads cache when the
// worker starts and again whenever the page says they changed.
let downloaded = null;
let downloadedReady = loadDownloaded();

async function loadDownloaded() {
  const cache = await caches.open(DOWNLOADS);
  const requests = await cache.keys();
  downloaded = new Set(requests.map((r) => new URL(r.url).pathname));
}

// Until the paths are read (just after the worker starts), wait for them.
async function fromDownloadsOrNetwork(request) {
  await downloadedReady;
  return downloaded.has(new URL(request.url).pathname) ? fromDownloads(request) : fetch(request);
}

/** Caches the chunks this build's shell cache lacks, one at a time. */
async function cacheChunks() {
  const cache = await caches.open(SHELL);
  for (const path of CHUNKS) {
    if (!(await cache.match(path))) await cache.add(path);
  }
}

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  // Each answers on the port the page sent once done.
  const answer = () => event.ports[0]?.postMessage("ready");
  if (type === "downloads-changed") {
    downloadedReady = loadDownloaded().then(answer);
    event.waitUntil(downloadedReady);
  } else if (type === "cache-app") {
    // A failed file stays missing; the next ask fetches it.
    event.waitUntil(cacheChunks().then(answer, answer));
  }
});

/** The first range of a `Range: bytes=…` header, as [start, end] (inclusive)
 * within `size`; null when none is satisfiable; undefined when malformed
 * (then the whole file is the answer, as RFC 9110 allows). */
function byteRange(header, size) {
  const match = /^bytes=(\d*)-(\d*)/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) return undefined;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) return null;
    return [Math.max(0, size - suffix), size - 1];
  }
  const start = Number(match[1]);
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (start >= size || end < start) return null;
  return [start, end];
}

/** A downloaded file, whole or the range asked for. */
async function fromDownloads(request) {
  const path = new URL(request.url).pathname;
  const cached = await caches.match(path, { cacheName: DOWNLOADS, ignoreSearch: true, ignoreVary: true });
  if (!cached) return fetch(request);
  const body = await cached.blob();
  const type = cached.headers.get("Content-Type") || body.type || "application/octet-stream";
  const headers = { "Content-Type": type, "Accept-Ranges": "bytes", "Cache-Control": "no-store" };
  const header = request.headers.get("Range");
  const range = header ? byteRange(header, body.size) : undefined;
  if (range === null) {
    return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${body.size}` } });
  }
  if (range === undefined) {
    return new Response(body, { status: 200, headers: { ...headers, "Content-Length": String(body.size) } });
  }
  const [start, end] = range;
  return new Response(body.slice(start, end + 1, type), {
    status: 206,
    headers: {
      ...headers,
      "Content-Length": String(end - start + 1),
      "Content-Range": `bytes ${start}-${end}/${body.size}`,
    },
  });
}

// Network first; on failure the cached copy, then (for pages) the offline page.
async function networkFirst(request, isPage) {
  const cache = await caches.open(SHELL);
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") {
      cache.put(request, response.clone());
    }
    return response;
  } catch (error) {
    const cached = await cache.match(request, { ignoreVary: true });
    if (cached) return cached;
    if (isPage) {
      const offline = await cache.match(OFFLINE_URL);
      if (offline) return offline;
    }
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith("/media/")) {
    if (downloaded === null) {
      event.respondWith(fromDownloadsOrNetwork(request));
    } else if (downloaded.has(url.pathname)) {
      event.respondWith(fromDownloads(request));
    }
    return;
  }
  if (url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, true));
  } else if (url.pathname.startsWith("/pkg/") || url.pathname.startsWith("/icons/")) {
    event.respondWith(networkFirst(request, false));
  }
});
