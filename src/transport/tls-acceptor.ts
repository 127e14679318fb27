import type { Socket } from 'node:net';
import { createServer as createTlsServer, type Server as TlsServer, type TLSSocket, type TlsOptions } from 'node:tls';

/** A TLS connection opens with a handshake record (content type 22); a CQL frame with its version byte. */
const TLS_HANDSHAKE_RECORD = 0x16;

/** What a listener with client encryption asks of each connection. */
export interface TlsAcceptorSettings {
  /** The node's certificate and key, and the CA that client certificates must chain to. */
  readonly credentials: Pick<TlsOptions, 'cert' | 'key' | 'ca'>;
  readonly requireClientAuth: boolean;
  /** Plain connections are taken too, as Cassandra's `optional: true` does. */
  readonly optional: boolean;
}

/**
 * Takes a listener's TCP connections to where CQL can flow: through the TLS handshake of a node:tls server
 * that never listens itself (it verifies client certificates, refusing a client whose certificate is
 * missing, expired or not from the CA when client auth is required) or, in optional mode, as they are when
 * their first byte is not a TLS record. `accept` gets the socket to speak CQL on.
 */
export class TlsAcceptor {
  private readonly server: TlsServer;
  /** TCP sockets not closed yet: those still in their handshake are reset by dropAll(). */
  private readonly sockets = new Set<Socket>();

  constructor(private readonly settings: TlsAcceptorSettings, private readonly accept: (socket: Socket) => void) {
    this.server = createTlsServer({
      ...settings.credentials,
      requestCert: settings.requireClientAuth,
      rejectUnauthorized: settings.requireClientAuth,
    }, (socket: TLSSocket) => accept(socket));
    // A client refused in its handshake is the client's failure: Cassandra logs it at debug level and goes on.
    this.server.on('tlsClientError', () => {});
  }

  take(raw: Socket): void {
    this.sockets.add(raw);
    raw.once('close', () => this.sockets.delete(raw));
    if (!this.settings.optional) {
      this.server.emit('connection', raw);
      return;
    }
    raw.once('data', (chunk: Buffer) => {
      // Put the first bytes back for whoever reads next; the socket stays paused until the Connection resumes it.
      raw.pause();
      raw.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE_RECORD) this.server.emit('connection', raw);
      else this.accept(raw);
    });
  }

  /** Resets every connection this acceptor took that is still open, in its handshake or past it. */
  dropAll(): void {
    for (const raw of this.sockets) raw.destroy();
    this.sockets.clear();
  }
}
