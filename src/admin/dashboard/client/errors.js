// @ts-check
import { byId, el } from './dom.js';

/**
 * The page's error area: what the admin API refused, and whether it can be reached at all. Refusals stay
 * until dismissed; the one connection message is replaced or cleared by the next poll.
 */
const list = () => byId('errors', HTMLUListElement);

/** @param {unknown} error */
export function showError(error) {
  const message = error instanceof Error ? error.message : String(error);
  const dismiss = el('button', { type: 'button', class: 'dismiss', 'aria-label': `Dismiss: ${message}` }, ['×']);
  const item = el('li', {}, [el('span', {}, [message]), dismiss]);
  dismiss.addEventListener('click', () => item.remove());
  list().append(item);
}

/** @param {string | null} message the poll's failure, or null once it succeeds again */
export function showConnection(message) {
  const current = list().querySelector('li.connection');
  if (message === null) {
    current?.remove();
    return;
  }
  if (current !== null) current.textContent = message;
  else list().prepend(el('li', { class: 'connection' }, [message]));
}

/**
 * Runs an action the user asked for; its failure is shown, never swallowed.
 * @param {() => Promise<unknown>} action
 */
export async function attempt(action) {
  try {
    await action();
  } catch (e) {
    showError(e);
  }
}
