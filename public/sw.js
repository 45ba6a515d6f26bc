// SSE Studio's service worker: keeps the app shell (index.html and the hashed wasm, js, css and
// icons of one build) in a versioned cache and serves it cache-first, so the app loads with the
// network off. It never touches the user's API requests: only same-origin GETs of the shell and
// page navigations are answered; /demo/ and /relay pass through.
//
// `cargo xtask post-build` (a trunk post_build hook) fills in SHELL and VERSION for each build.
const SHELL = [];
const VERSION = 'unbuilt';
const CACHE = `sse-studio-shell-${VERSION}`;

const scope = new URL(self.registration.scope);
const inScope = (path) => new URL(path, scope).href;

self.addEventListener('install', (event) => {
  // Not skipWaiting: an open page keeps its build until the user reloads into the new one.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL.map(inScope))));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith('sse-studio-shell-') && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

// The page asks for this when the user chooses to reload into a waiting update.
self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') {
    self.skipWaiting();
  }
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== scope.origin || !url.pathname.startsWith(scope.pathname)) return;
  const path = url.pathname.slice(scope.pathname.length);
  if (path.startsWith('demo/') || path === 'relay' || path.startsWith('relay/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(
      caches.match(inScope('index.html'), { cacheName: CACHE }).then((hit) => hit || fetch(request)),
    );
    return;
  }
  if (!SHELL.includes(path)) return;
  event.respondWith(
    caches.match(request, { cacheName: CACHE }).then((hit) => hit || fetch(request)),
  );
});
