import { ConfigurationError } from '../../../errors/index.js';
import { DEFAULT_TABLE_OPTIONS, type TableOptions } from '../../../schema/index.js';
import { formatJavaDouble, isUuidString, uuidFromString } from '../../../types/index.js';
import type { Properties } from '../../ast/index.js';
import { compactionFromMap, defaultBloomFilterFpChance } from './compaction-params.js';
import { compressionFromMap } from './compression-params.js';
import { PropertyDefinitions } from './property-definitions.js';
import {
  cachingFromMap, memtableFromString, readRepairFromString, speculativeRetryFromString,
} from './table-param-values.js';

/** Every table property of Cassandra 4.1 (TableParams.Option) and the table id; as in Cassandra, 'extensions' is accepted but not taken from CQL. */
const TABLE_KEYWORDS: ReadonlySet<string> = new Set([
  'additional_write_policy', 'bloom_filter_fp_chance', 'caching', 'cdc', 'comment', 'compaction', 'compression',
  'crc_check_chance', 'default_time_to_live', 'extensions', 'gc_grace_seconds', 'id', 'max_index_interval',
  'memtable', 'memtable_flush_period_in_ms', 'min_index_interval', 'read_repair', 'speculative_retry',
]);

/** Attributes.MAX_TTL: twenty years. */
const MAX_TTL_SECONDS = 630720000;
/** BloomCalculations.minSupportedBloomFilterFpChance(). */
const MIN_BLOOM_FILTER_FP_CHANCE = 6.71e-5;

/** The WITH options of CREATE/ALTER TABLE (TableAttributes). */
export class TableAttributes {
  private readonly definitions: PropertyDefinitions;

  constructor(properties: Properties) {
    this.definitions = new PropertyDefinitions(properties);
    this.definitions.validate(TABLE_KEYWORDS);
  }

  /** The table id given with `WITH id = ...`, if any. */
  id(): Buffer | undefined {
    const text = this.definitions.getString('id');
    if (text === undefined) return undefined;
    if (!isUuidString(text)) throw new ConfigurationError('Invalid table id');
    return uuidFromString(text);
  }

  /** The options of a new table (previous = null) or of an altered one, checked as TableParams.validate does. */
  options(previous: TableOptions | null): TableOptions {
    const d = this.definitions;
    const base = previous ?? DEFAULT_TABLE_OPTIONS;
    const compactionMap = d.getMap('compaction');
    const compaction = compactionMap === undefined ? base.compaction : compactionFromMap(compactionMap);
    const compressionMap = d.getMap('compression');
    const cachingMap = d.getMap('caching');
    const memtable = d.getString('memtable');
    const readRepair = d.getString('read_repair');
    const options: TableOptions = {
      ...base,
      bloomFilterFpChance: d.getDouble('bloom_filter_fp_chance')
        ?? (previous === null ? defaultBloomFilterFpChance(compaction) : base.bloomFilterFpChance),
      caching: cachingMap === undefined ? base.caching : cachingFromMap(cachingMap),
      comment: d.getString('comment') ?? base.comment,
      compaction,
      compression: compressionMap === undefined ? base.compression : compressionFromMap(compressionMap),
      memtable: memtable === undefined ? base.memtable : memtableFromString(memtable),
      crcCheckChance: d.getDouble('crc_check_chance') ?? base.crcCheckChance,
      defaultTimeToLive: d.getInt('default_time_to_live') ?? base.defaultTimeToLive,
      gcGraceSeconds: d.getInt('gc_grace_seconds') ?? base.gcGraceSeconds,
      maxIndexInterval: d.getInt('max_index_interval') ?? base.maxIndexInterval,
      memtableFlushPeriodInMs: d.getInt('memtable_flush_period_in_ms') ?? base.memtableFlushPeriodInMs,
      minIndexInterval: d.getInt('min_index_interval') ?? base.minIndexInterval,
      readRepair: readRepair === undefined ? base.readRepair : readRepairFromString(readRepair),
      speculativeRetry: this.retry('speculative_retry') ?? base.speculativeRetry,
      additionalWritePolicy: this.retry('additional_write_policy') ?? base.additionalWritePolicy,
      cdc: d.getBoolean('cdc') ?? base.cdc,
    };
    validateTableOptions(options);
    return options;
  }

  private retry(option: string): string | undefined {
    const text = this.definitions.getString(option);
    return text === undefined ? undefined : speculativeRetryFromString(text);
  }
}

function validateTableOptions(o: TableOptions): void {
  const fail = (message: string): never => { throw new ConfigurationError(message); };
  if (o.bloomFilterFpChance <= MIN_BLOOM_FILTER_FP_CHANCE || o.bloomFilterFpChance > 1) {
    fail(`bloom_filter_fp_chance must be larger than ${formatJavaDouble(MIN_BLOOM_FILTER_FP_CHANCE)} and less than or equal to 1.0 (got ${formatJavaDouble(o.bloomFilterFpChance)})`);
  }
  if (o.crcCheckChance < 0 || o.crcCheckChance > 1) {
    fail(`crc_check_chance must be larger than or equal to 0 and smaller than or equal to 1.0 (got ${formatJavaDouble(o.crcCheckChance)})`);
  }
  if (o.defaultTimeToLive < 0) fail(`default_time_to_live must be greater than or equal to 0 (got ${o.defaultTimeToLive})`);
  if (o.defaultTimeToLive > MAX_TTL_SECONDS) {
    fail(`default_time_to_live must be less than or equal to ${MAX_TTL_SECONDS} (got ${o.defaultTimeToLive})`);
  }
  if (o.gcGraceSeconds < 0) fail(`gc_grace_seconds must be greater than or equal to 0 (got ${o.gcGraceSeconds})`);
  if (o.minIndexInterval < 1) fail(`min_index_interval must be greater than or equal to 1 (got ${o.minIndexInterval})`);
  if (o.maxIndexInterval < o.minIndexInterval) {
    fail(`max_index_interval must be greater than or equal to min_index_interval (${o.minIndexInterval}) (got ${o.maxIndexInterval})`);
  }
  if (o.memtableFlushPeriodInMs < 0) {
    fail(`memtable_flush_period_in_ms must be greater than or equal to 0 (got ${o.memtableFlushPeriodInMs})`);
  }
}
