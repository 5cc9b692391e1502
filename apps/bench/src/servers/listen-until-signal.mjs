// The bench's baseline servers: listen on a free loopback port, print the `listening` line the
// bench waits for, and stop on SIGINT or SIGTERM after `onStop` (closing a store, say).

/** Listens on 127.0.0.1 and exits cleanly on a signal. */
export function listenUntilSignal(server, onStop = async () => {}) {
  server.listen(0, '127.0.0.1', () => {
    console.log(JSON.stringify({ msg: 'listening', url: `http://127.0.0.1:${server.address().port}` }));
  });
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      server.close();
      server.closeAllConnections();
      onStop().then(() => process.exit(0));
    });
  }
}
