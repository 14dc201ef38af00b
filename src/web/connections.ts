/**
 * Open connections, capped. Each costs a file descriptor and some memory, and a client that opens
 * many and drips its headers a byte at a time holds every one of them until its timeout: with no
 * cap, about a thousand such sockets left the process unable to accept anyone else.
 *
 * Refusing newcomers at the cap would let those same sockets keep everyone out, so at the cap a
 * newcomer takes the place of the connection that has waited longest with no request being
 * answered on it: a client still dripping its headers, or a keep-alive connection with nothing to
 * do (a browser opens another when it needs one). Only when every connection is answering a
 * request is the newcomer closed instead. Pages keep being served however many slow clients come.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionCount {
  /** Connections open now. */
  readonly open: number;
  /** Connections closed to make room for a newer one. */
  readonly evicted: number;
  /** Newcomers closed because every connection was answering a request. */
  readonly refused: number;
}

/** Keeps at most `max` connections open on `server`; returns live counts. */
export function capConnections(server: Server, max: number): ConnectionCount {
  // Insertion order is waiting order: a connection moves to the end whenever it answers a request.
  const answering = new Map<Socket, number>();
  const counts = { evicted: 0, refused: 0 };

  const idlest = (): Socket | undefined => {
    for (const [socket, requests] of answering) if (requests === 0) return socket;
    return undefined;
  };

  server.on('connection', (socket: Socket) => {
    if (answering.size >= max) {
      const victim = idlest();
      if (!victim) {
        counts.refused++;
        socket.destroy();
        return;
      }
      counts.evicted++;
      answering.delete(victim);
      victim.destroy();
    }
    answering.set(socket, 0);
    socket.once('close', () => answering.delete(socket));
  });

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    const requests = answering.get(socket);
    if (requests === undefined) return; // evicted while its headers were parsed
    answering.delete(socket);
    answering.set(socket, requests + 1);
    res.once('close', () => {
      const left = answering.get(socket);
      if (left === undefined) return;
      answering.delete(socket);
      answering.set(socket, left - 1);
    });
  });

  return {
    get open() {
      return answering.size;
    },
    get evicted() {
      return counts.evicted;
    },
    get refused() {
      return counts.refused;
    },
  };
}
