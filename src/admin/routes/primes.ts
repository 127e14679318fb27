import { notFound } from '../admin-error.js';
import { PRIME, PRIME_BODY, primeSpecOf, primeView, refusedPrime, type JsonPrimeSpec } from '../prime-json.js';
import { route, type AdminRoute } from '../route.js';
import { arrayOf, INTEGER, object } from '../schemas.js';

/** Primes: canned answers (errors, rows, delays, silence) to the requests that match, as cluster.prime() makes them. */
export const primeRoutes: readonly AdminRoute[] = [
  route({
    method: 'GET', url: '/primes', tag: 'primes', summary: 'The primes in force, oldest first (the newest matching one answers)',
    response: arrayOf(PRIME),
    handle: ({ cluster }) => cluster.primes.list().map(primeView),
  }),
  route<unknown, unknown, JsonPrimeSpec>({
    method: 'POST', url: '/primes', tag: 'primes', status: 201,
    summary: 'Primes an answer: {"when": {...}, "then": {...}, "times": n}; answers with the prime and its id. A primed answer never runs the statement',
    body: PRIME_BODY, response: PRIME,
    handle: ({ operations }, { body }) => {
      try {
        return primeView(operations.prime(primeSpecOf(body)));
      } catch (e) {
        throw refusedPrime(e);
      }
    },
  }),
  route<{ readonly id: number }>({
    method: 'DELETE', url: '/primes/:id', tag: 'primes', status: 204, summary: 'Removes a prime',
    params: object({ id: { ...INTEGER, minimum: 1 } }, ['id']), response: null, errors: [404],
    handle: ({ cluster }, { params }) => {
      if (!cluster.primes.remove(params.id)) throw notFound(`No prime ${params.id}: removed, used up or never made`);
    },
  }),
  route({
    method: 'DELETE', url: '/primes', tag: 'primes', status: 204, summary: 'Removes every prime',
    response: null,
    handle: ({ operations }) => operations.clearPrimes(),
  }),
];
