// @ts-check
/** Small DOM helpers: elements are built, never parsed from strings, so no text from the cluster is ever HTML. */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, string>} [attributes]
 * @param {(Node | string)[]} [children]
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children);
  return element;
}

/**
 * @param {string} tag
 * @param {Record<string, string | number>} [attributes]
 * @returns {SVGElement}
 */
export function svg(tag, attributes = {}) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

/**
 * The element with this id, of this type: the page is static, a missing one is a bug worth failing on.
 * @template {Element} T
 * @param {string} id
 * @param {new () => T} type
 * @returns {T}
 */
export function byId(id, type) {
  const element = document.getElementById(id);
  if (!(element instanceof type)) throw new Error(`the page has no ${type.name} #${id}`);
  return element;
}

/**
 * Replaces the options of a select, keeping the chosen value where it still exists.
 * @param {HTMLSelectElement} select
 * @param {[string, string][]} options value and label of each
 */
export function setOptions(select, options) {
  const chosen = select.value;
  const same = select.options.length === options.length && options.every(([value, label], i) => select.options[i]?.value === value && select.options[i]?.text === label);
  if (same) return;
  select.replaceChildren(...options.map(([value, label]) => el('option', { value }, [label])));
  if (options.some(([value]) => value === chosen)) select.value = chosen;
}

/** @param {number} bytes */
export function formatBytes(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
