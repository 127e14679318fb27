import { notFound } from '../admin-error.js';
import { route, TextResponse, type AdminRoute } from '../route.js';

const PEM = 'application/x-pem-file';

/** The CA that clients trust the nodes by, for tools that start a cluster elsewhere and connect over TLS. */
export const tlsRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/tls/ca', tag: 'tls',
    summary: "The CA certificate (PEM) clients trust the nodes by: the generated one of 'self-signed', else the ca option's (404 without)",
    response: { type: 'string', description: 'one or more PEM certificates' }, produces: PEM, errors: [404],
    handle: ({ operations }) => {
      const ca = operations.tlsCa;
      if (ca === null) throw notFound('The cluster has no TLS CA: it was started without tls, or with certificates but no ca');
      return new TextResponse(PEM, ca);
    },
  }),
];
