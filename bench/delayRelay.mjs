// A TCP relay on 127.0.0.1 that holds every chunk `delayMs` in each
// direction, in order: a network round trip of 2 × delayMs in front of a
// local server, the same for every client that goes through it.
import net from 'node:net';

/**
 * Starts the relay in front of `target` (a port on 127.0.0.1). Resolves
 * with its port, a count of the connections it accepted (a client that
 * reuses its connections pays no extra handshakes; see `handshake`) and
 * `stop()`.
 *
 * `handshake`: also hold a new connection's first bytes one round trip, as
 * TCP's handshake would on a real network. Off by default: each chunk is
 * delayed, nothing else.
 */
export function startDelayRelay({ target, delayMs, handshake = false }) {
  const sockets = new Set();
  let connections = 0;
  const server = net.createServer({ allowHalfOpen: true }, client => {
    connections++;
    const upstream = net.connect({ host: '127.0.0.1', port: target, allowHalfOpen: true });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.setNoDelay(true);
      socket.on('close', () => sockets.delete(socket));
      // One side gone: the other goes too.
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    const openAt = Date.now() + (handshake ? 2 * delayMs : 0);
    relay(client, upstream, delayMs, openAt);
    relay(upstream, client, delayMs, 0);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: server.address().port,
        get connections() {
          return connections;
        },
        stop: () =>
          new Promise(done => {
            for (const socket of sockets) socket.destroy();
            server.close(() => done());
          })
      });
    });
  });
}

/**
 * from → to, each chunk (and the end) `delayMs` after it arrived, never
 * before `openAt`, never overtaking the one before it.
 */
function relay(from, to, delayMs, openAt) {
  const queue = [];
  let timer = null;
  const drain = () => {
    timer = null;
    const now = Date.now();
    while (queue.length && queue[0].at <= now) {
      const { data } = queue.shift();
      if (data === null) {
        to.end();
      } else if (!to.destroyed) {
        to.write(data);
      }
    }
    if (queue.length) {
      timer = setTimeout(drain, queue[0].at - now);
    }
  };
  const push = data => {
    queue.push({ at: Math.max(Date.now() + delayMs, openAt), data });
    if (!timer) {
      timer = setTimeout(drain, queue[0].at - Date.now());
    }
  };
  from.on('data', push);
  from.on('end', () => push(null));
  from.on('close', () => {
    // Destroyed without an end (an error): nothing more will come.
    if (!from.readableEnded && timer === null && queue.length === 0) {
      to.destroy();
    }
  });
}
