import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Names of an SSTable's files, after Cassandra's Descriptor (`nb-1-big-Data.db`): our format is `cn`
 * (Cassanova), then the generation, the `big` layout and the component. A component is first written
 * as `tmp-<name>` and renamed when the whole SSTable is complete; TOC.txt comes last, so a generation
 * without it is an SSTable whose writing was interrupted.
 */

export const FORMAT_NAME = 'cn';
/** The on-disk format version written; FORMAT.md records what each version changed. */
export const FORMAT_VERSION = 1;

export type Component = 'Data.db' | 'Index.db' | 'Summary.db' | 'Filter.db' | 'Statistics.db' | 'TOC.txt';

/** The binary components, each starting with its magic and the format version. */
export const BINARY_COMPONENTS: readonly Exclude<Component, 'TOC.txt'>[] = ['Data.db', 'Index.db', 'Summary.db', 'Filter.db', 'Statistics.db'];

const TMP_PREFIX = 'tmp-';
const NAME = /^cn-(\d+)-big-(Data\.db|Index\.db|Summary\.db|Filter\.db|Statistics\.db|TOC\.txt)$/;

export class Descriptor {
  constructor(readonly directory: string, readonly generation: number) {}

  fileName(component: Component): string {
    return `${FORMAT_NAME}-${this.generation}-big-${component}`;
  }

  path(component: Component): string {
    return join(this.directory, this.fileName(component));
  }

  tmpPath(component: Component): string {
    return join(this.directory, TMP_PREFIX + this.fileName(component));
  }

  toString(): string {
    return join(this.directory, `${FORMAT_NAME}-${this.generation}-big`);
  }
}

/** The complete SSTables of a directory (those with a TOC), oldest generation first. */
export function listSSTables(directory: string): Descriptor[] {
  const generations = new Set<number>();
  for (const name of readdirSync(directory)) {
    const m = NAME.exec(name);
    if (m !== null && m[2] === 'TOC.txt') generations.add(Number(m[1]));
  }
  return [...generations].sort((a, b) => a - b).map((g) => new Descriptor(directory, g));
}

/** A generation above every one the directory holds, complete or not. */
export function nextGeneration(directory: string): number {
  let max = 0;
  for (const name of readdirSync(directory)) {
    const m = NAME.exec(name.startsWith(TMP_PREFIX) ? name.slice(TMP_PREFIX.length) : name);
    if (m !== null) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/**
 * Deletes what interrupted writes left: temporary files and the components of generations without a
 * TOC. Returns the names removed (to log them), as Cassandra's start-up cleans its transaction logs.
 */
export function removeIncompleteSSTables(directory: string): string[] {
  const complete = new Set(listSSTables(directory).map((d) => d.generation));
  const removed: string[] = [];
  for (const name of readdirSync(directory)) {
    const m = NAME.exec(name);
    const leftover = name.startsWith(TMP_PREFIX) && NAME.test(name.slice(TMP_PREFIX.length));
    if (leftover || (m !== null && !complete.has(Number(m[1])))) {
      rmSync(join(directory, name), { force: true });
      removed.push(name);
    }
  }
  return removed;
}

/** Deletes an SSTable's files, its TOC first: a deletion cut short leaves a generation that start-up removes. */
export function deleteSSTable(descriptor: Descriptor): void {
  for (const component of ['TOC.txt', ...BINARY_COMPONENTS] as const) rmSync(descriptor.path(component), { force: true });
}
