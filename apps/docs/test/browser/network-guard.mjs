// Cuts a browser context off the network: a request to any host but this machine is recorded
// and aborted, and every request the pages make is counted for the summary.

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Schemes that never leave the browser. */
const IN_BROWSER = new Set(['blob:', 'data:', 'about:']);

/** True when a URL names this machine. */
export function isLocalUrl(url) {
  return LOCAL_HOSTS.has(new URL(url).hostname);
}

/** Installs the guard on a context before any page loads; returns the live counts. */
export async function guardNetwork(context) {
  const counts = { local: 0, inBrowser: 0, offHost: 0 };
  const offHost = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (IN_BROWSER.has(url.protocol)) counts.inBrowser++;
    else if (LOCAL_HOSTS.has(url.hostname)) counts.local++;
    else counts.offHost++;
  });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    offHost.push(url);
    return route.abort('blockedbyclient');
  });
  await context.routeWebSocket(/.*/, (socket) => {
    if (isLocalUrl(socket.url())) return socket.connectToServer();
    offHost.push(socket.url());
    return socket.close();
  });
  return {
    counts,
    offHost,
    /** One line for the summary, such as `7 seen: 3 to localhost, 4 in-browser (blob:/data:), 0 off-host`. */
    describe() {
      const seen = counts.local + counts.inBrowser + counts.offHost;
      return `${seen} seen: ${counts.local} to localhost, ${counts.inBrowser} in-browser (blob:/data:), ${offHost.length} off-host`;
    },
  };
}
