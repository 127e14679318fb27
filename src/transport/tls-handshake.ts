import type { Socket } from 'node:net';
import { TLSSocket, type SecureContext } from 'node:tls';

/** A TLS connection opens with a handshake record (content type 22); a CQL frame with its version byte. */
const TLS_HANDSHAKE_RECORD = 0x16;

/** What a listener with client encryption asks of each connection. */
export interface TlsListenerSettings {
  readonly context: SecureContext;
  readonly requireClientAuth: boolean;
  /** Plain connections are taken too, as Cassandra's `optional: true` does. */
  readonly optional: boolean;
}

/**
 * Takes a connection from TCP accept to where CQL can flow: through the TLS handshake (refusing a client
 * whose certificate is missing, expired or not from the CA when client auth is required) or, in optional
 * mode, as it is when its first byte is not a TLS record. Resolves to the socket to speak CQL on, or null
 * when the connection failed or closed first.
 */
export function negotiateTls(raw: Socket, settings: TlsListenerSettings): Promise<Socket | null> {
  if (!settings.optional) return handshake(raw, settings);
  return new Promise((resolve) => {
    const closedFirst = (): void => resolve(null);
    raw.once('close', closedFirst);
    raw.once('data', (chunk: Buffer) => {
      raw.off('close', closedFirst);
      raw.pause();
      raw.unshift(chunk);
      if (chunk[0] === TLS_HANDSHAKE_RECORD) resolve(handshake(raw, settings));
      else {
        raw.resume();
        resolve(raw);
      }
    });
  });
}

function handshake(raw: Socket, settings: TlsListenerSettings): Promise<Socket | null> {
  const socket = new TLSSocket(raw, {
    isServer: true,
    secureContext: settings.context,
    requestCert: settings.requireClientAuth,
    rejectUnauthorized: settings.requireClientAuth,
  });
  return new Promise((resolve) => {
    const failed = (): void => {
      socket.destroy();
      resolve(null);
    };
    socket.once('error', failed);
    socket.once('close', failed);
    socket.once('secure', () => {
      socket.off('error', failed);
      socket.off('close', failed);
      // OpenSSL refuses such a client during the handshake already; this makes sure none gets further.
      if (settings.requireClientAuth && !socket.authorized) failed();
      else resolve(socket);
    });
  });
}
