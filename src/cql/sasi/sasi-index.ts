import { ConfigurationError } from '../../errors/index.js';
import type { ColumnMetadata, IndexMetadata } from '../../schema/index.js';
import { formatCqlType, isMultiCell, reversedType, type CqlType } from '../../types/index.js';
import { analyzerNamed, isTextType, javaBoolean, NO_OP_ANALYZER, type Analyzer, type AnalyzerName } from './analyzers/analyzer.js';
import { delimiterAnalyzer, delimiterOptionError } from './analyzers/delimiter-analyzer.js';
import { nonTokenizingAnalyzer, nonTokenizingOptionsError } from './analyzers/non-tokenizing-analyzer.js';
import { standardAnalyzer, standardOptionsError } from './analyzers/standard-analyzer.js';

export const SASI_INDEX_CLASS = 'org.apache.cassandra.index.sasi.SASIIndex';

/** OnDiskIndexBuilder.Mode: how terms are indexed, and so which searches an index answers. */
export type SasiMode = 'PREFIX' | 'CONTAINS' | 'SPARSE';
/** Expression.Op: a search on the index (MATCH is `LIKE 'term'`, NOT_EQ has no CQL form in 4.1). */
export type SasiOp = 'EQ' | 'MATCH' | 'PREFIX' | 'SUFFIX' | 'CONTAINS' | 'RANGE';

const MODE_OPS: Readonly<Record<SasiMode, ReadonlySet<SasiOp>>> = {
  PREFIX: new Set(['EQ', 'MATCH', 'PREFIX', 'RANGE']),
  CONTAINS: new Set(['EQ', 'MATCH', 'CONTAINS', 'PREFIX', 'SUFFIX']),
  SPARSE: new Set(['EQ', 'RANGE']),
};

const MODE = 'mode';
const ANALYZED = 'analyzed';
const ANALYZER_CLASS = 'analyzer_class';
const IS_LITERAL = 'is_literal';
const MAX_FLUSH_MEMORY = 'max_compaction_flush_memory_in_mb';

/**
 * A SASI index on one column as its options configure it (IndexMode and ColumnIndex): the mode, whether
 * the column is searched as text (literal), the analyzer of values and query terms, and the searches it
 * answers. Cassanova keeps no index structure: a query the index answers filters rows by these rules.
 */
export class SasiIndex {
  readonly mode: SasiMode;
  readonly isLiteral: boolean;
  readonly isAnalyzed: boolean;
  readonly analyzer: Analyzer;

  constructor(readonly column: ColumnMetadata, options: ReadonlyMap<string, string>) {
    const mode = options.get(MODE);
    const parsed = mode === undefined ? 'PREFIX' : mode.toUpperCase();
    if (parsed !== 'PREFIX' && parsed !== 'CONTAINS' && parsed !== 'SPARSE') throw new ConfigurationError(`Incorrect index mode: ${mode}`);
    this.mode = parsed;
    const analyzerClass = options.get(ANALYZER_CLASS);
    this.isAnalyzed = analyzerClass !== undefined && !options.has(ANALYZED) ? true : javaBoolean(options.get(ANALYZED));
    const literal = options.get(IS_LITERAL);
    this.isLiteral = literal === undefined ? isTextType(cellValueType(column)) : javaBoolean(literal);
    const flushMemory = options.get(MAX_FLUSH_MEMORY);
    if (flushMemory !== undefined && !/^[+-]?\d+$/.test(flushMemory)) {
      throw new ConfigurationError(`Failed to validate custom indexer options: {${[...options].map(([k, v]) => `${k}=${v}`).join(', ')}}`);
    }
    this.analyzer = this.isAnalyzed ? createAnalyzer(analyzerClass === undefined ? null : analyzerNamed(analyzerClass), options, column) : NO_OP_ANALYZER;
  }

  /** SASIIndex.supportsExpression for a CQL operator (ColumnIndex.supports); LIKE before its form is known. */
  supports(operator: string): boolean {
    if (operator === 'LIKE') return this.isLiteral;
    if (operator === '=') return this.supportsOp('EQ');
    if (operator === '<' || operator === '<=' || operator === '>' || operator === '>=') return this.supportsOp('RANGE');
    return false;
  }

  /** ColumnIndex.supports: EQ only untokenized, no PREFIX on tokenized CONTAINS indexes, no RANGE on text. */
  supportsOp(op: SasiOp): boolean {
    const tokenized = this.analyzer.isTokenizing;
    return !(tokenized && op === 'EQ')
      && !(tokenized && this.mode === 'CONTAINS' && op === 'PREFIX')
      && !(this.isLiteral && op === 'RANGE')
      && MODE_OPS[this.mode].has(op);
  }
}

const instances = new WeakMap<IndexMetadata, SasiIndex>();

/** The SASI index an index of the schema is, or null for another kind; built once per schema object. */
export function sasiIndexOf(index: IndexMetadata, column: ColumnMetadata): SasiIndex | null {
  if (index.kind !== 'CUSTOM' || index.options.get('class_name') !== SASI_INDEX_CLASS) return null;
  let sasi = instances.get(index);
  if (sasi === undefined) {
    sasi = new SasiIndex(column, index.options);
    instances.set(index, sasi);
  }
  return sasi;
}

/**
 * SASIIndex.validateOptions, as CREATE CUSTOM INDEX runs it: the column SASI can index, the analyzer
 * class and its options, the mode, and what SPARSE refuses. Unknown options are accepted, as in Cassandra.
 */
export function validateSasiOptions(column: ColumnMetadata, options: ReadonlyMap<string, string>): void {
  if (isMultiCell(column.type)) throw new ConfigurationError('complex columns are not yet supported by SASI');
  if (column.kind === 'partition_key') throw new ConfigurationError('partition key columns are not yet supported by SASI');
  validateAnalyzer(column, options);
  const index = new SasiIndex(column, options);
  if (index.mode === 'SPARSE') {
    if (index.isLiteral) throw new ConfigurationError('SPARSE mode is only supported on non-literal columns.');
    if (index.isAnalyzed) throw new ConfigurationError("SPARSE mode doesn't support analyzers.");
  }
}

/** IndexMode.validateAnalyzer: the class must be one of SASI's analyzers, fit the column type and its options. */
function validateAnalyzer(column: ColumnMetadata, options: ReadonlyMap<string, string>): void {
  const className = options.get(ANALYZER_CLASS);
  if (className === undefined) return;
  const name = analyzerNamed(className);
  if (name === null) throw new ConfigurationError(`Invalid analyzer class option specified [${className}]`);
  if (name !== 'NoOpAnalyzer' && !isTextType(cellValueType(column))) {
    throw new ConfigurationError(`${name} does not support type ${formatCqlType(column.type)}`);
  }
  const error = name === 'NonTokenizingAnalyzer' ? nonTokenizingOptionsError(options)
    : name === 'StandardAnalyzer' ? standardOptionsError(options)
      : name === 'DelimiterAnalyzer' ? delimiterOptionError(options) : null;
  if (error !== null) throw new ConfigurationError(error);
}

/**
 * IndexMode.getAnalyzer: the named analyzer; an index `analyzed` without a class gets StandardAnalyzer on
 * text columns and no analysis elsewhere.
 */
function createAnalyzer(name: AnalyzerName | null, options: ReadonlyMap<string, string>, column: ColumnMetadata): Analyzer {
  const type = cellValueType(column);
  switch (name ?? (isTextType(type) ? 'StandardAnalyzer' : 'NoOpAnalyzer')) {
    case 'NonTokenizingAnalyzer': return nonTokenizingAnalyzer(options, type);
    case 'StandardAnalyzer': return standardAnalyzer(options, type);
    case 'DelimiterAnalyzer': return delimiterAnalyzer(options, type);
    case 'NoOpAnalyzer': return NO_OP_ANALYZER;
  }
}

/**
 * ColumnMetadata.cellValueType: a clustering column in DESC order holds ReversedType values, which SASI
 * does not take for text (so such a column is not literal unless `is_literal` says so).
 */
function cellValueType(column: ColumnMetadata): CqlType {
  return column.clusteringOrder === 'desc' ? reversedType(column.type) : column.type;
}
