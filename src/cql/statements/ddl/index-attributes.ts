import { ConfigurationError, InvalidRequestError } from '../../../errors/index.js';
import type { Properties } from '../../ast/index.js';
import { SASI_INDEX_CLASS as SASI_INDEX } from '../../sasi/index.js';
import { PropertyDefinitions } from './property-definitions.js';

const SAI_INDEX = 'org.apache.cassandra.index.sai.StorageAttachedIndex';

/** The USING class and WITH OPTIONS of CREATE INDEX (IndexAttributes); USING makes the index custom. */
export class IndexAttributes {
  readonly isCustom: boolean;
  private readonly customClass: string | null;
  private readonly rawOptions: ReadonlyMap<string, string>;

  constructor(using: string | null, properties: Properties, sasiIndexesEnabled = true) {
    const definitions = new PropertyDefinitions(properties);
    definitions.validate(new Set(['options']));
    this.rawOptions = definitions.getMap('options') ?? new Map();
    this.isCustom = using !== null;
    this.customClass = using === null ? null : customIndexClass(using);
    if (!this.isCustom && !definitions.isEmpty) throw new InvalidRequestError('Cannot specify options for a non-CUSTOM index');
    for (const reserved of ['class_name', 'target']) {
      if (this.rawOptions.has(reserved)) throw new InvalidRequestError(`Cannot specify ${reserved} as a CUSTOM option`);
    }
    if (this.isSasi && !sasiIndexesEnabled) throw new InvalidRequestError('SASI indexes are disabled. Enable in cassandra.yaml to use.');
  }

  get isSasi(): boolean {
    return this.customClass === SASI_INDEX;
  }

  /** The options system_schema.indexes records besides the target: a custom index's options and class. */
  options(): ReadonlyMap<string, string> {
    if (this.customClass === null) return new Map();
    return new Map([...this.rawOptions, ['class_name', this.customClass]]);
  }
}

/** Custom index classes Cassanova knows: SASI (enabled by default, unlike 4.1's cassandra.yaml) and Cassandra 5.0's SAI. */
function customIndexClass(name: string): string {
  if (name === SASI_INDEX || name === SAI_INDEX) return name;
  if (name.toLowerCase() === 'sai' || name === 'StorageAttachedIndex') return SAI_INDEX;
  throw new ConfigurationError(`Unable to find custom indexer class '${name}'`);
}
