// Offline once loaded: the page and the rules are kept in the cache when the service worker installs,
// and served from it whenever the network is not there (network first, so a new version is picked up
// as soon as it is online). The page sends nothing: the only requests are for these files.
const CACHE = 'shftu-rules-web-v1';
const FILES = [
  './',
  './index.html',
  './app.css',
  './app.js',
  './favicon.svg',
  './vendor/shftu-rules-wasm/index.js',
  './vendor/shftu-rules-wasm/web.js',
  './vendor/shftu-rules-wasm/api.js',
  './vendor/shftu-rules-wasm/errors.js',
  './vendor/shftu-rules-wasm/rules.js',
  './vendor/shftu-rules-wasm/wasm/shftu_rules_wasm.js',
  './vendor/shftu-rules-wasm/wasm/shftu_rules_wasm_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return;
  event.respondWith(
    fetch(event.request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          caches.open(CACHE).then((c) => c.put(event.request, copy));
        }
        return response;
      })
      .catch(() => caches.match(event.request, { ignoreSearch: true }).then((hit) => hit ?? Response.error())),
  );
});
