import type { MessageFilter, SimulatedNetwork } from '../cluster/index.js';

/** A message filter the admin API installed, under the id it answered with. */
export interface InstalledFilter extends MessageFilter {
  readonly id: number;
}

/**
 * The message filters installed through the admin API, by id, so a client that added one can list and
 * remove it. Filters a test adds from TypeScript hold their own removal function and are not listed.
 * One that a reset took away is neither listed nor removable; a restore of a snapshot taken while it was
 * installed brings it back, under its id.
 */
export class FilterRegistry {
  private lastId = 0;
  private readonly installed = new Map<number, { readonly filter: InstalledFilter; readonly given: MessageFilter; readonly remove: () => void }>();

  constructor(private readonly network: Pick<SimulatedNetwork, 'addFilter' | 'hasFilter'>) {}

  add(filter: MessageFilter): InstalledFilter {
    const installed = { id: ++this.lastId, ...filter };
    this.installed.set(installed.id, { filter: installed, given: filter, remove: this.network.addFilter(filter) });
    return installed;
  }

  /** Removes filter `id`; false when there is none installed. */
  remove(id: number): boolean {
    const entry = this.installed.get(id);
    if (entry === undefined || !this.network.hasFilter(entry.given)) return false;
    entry.remove();
    this.installed.delete(id);
    return true;
  }

  list(): InstalledFilter[] {
    return [...this.installed.values()].filter((e) => this.network.hasFilter(e.given)).map((e) => e.filter);
  }
}
