import { describe, expect, it } from 'vitest';
import { formatCqlType } from '../../../types/index.js';
import { parseStatement } from '../../parser/index.js';
import { withKeyspace } from '../ddl/test-helpers.js';
import { prepareStatement } from '../prepared-statement.js';

const schema = withKeyspace('CREATE TABLE ks.t (pk int, ck int, t text, m map<text, int>, s set<int>, PRIMARY KEY (pk, ck))');
const prepare = (cql: string) => prepareStatement(parseStatement(cql), schema, 'ks');
const specs = (columns: readonly { name: string; type: Parameters<typeof formatCqlType>[0] }[]) =>
  columns.map((c) => `${c.name} ${formatCqlType(c.type)}`);

describe('terms in the selection clause (SelectTest.testSelectPrepared)', () => {
  it('names bind markers [selection] unless named, in order of appearance, and result columns by their text', () => {
    const prepared = prepare('SELECT (int)?, (decimal):adecimal, (TEXT)?, (tuple<int,text>):atuple, pk, ck, t FROM t WHERE pk = ?');
    expect(specs(prepared.boundColumns)).toEqual([
      '[selection] int', 'adecimal decimal', '[selection] text', 'atuple frozen<tuple<int, text>>', 'pk int',
    ]);
    expect(specs(prepared.resultColumns)).toEqual([
      '(int)? int', '(decimal)? decimal', '(text)? text', '(tuple<int, text>)? frozen<tuple<int, text>>', 'pk int', 'ck int', 't text',
    ]);
    expect(prepared.partitionKeyBindIndexes).toEqual([4]);
  });

  it('types literal and bind-marker function arguments by the function', () => {
    const prepared = prepare("SELECT textAsBlob(?), blobAsText(textAsBlob('hi')) FROM t WHERE pk = 1");
    expect(specs(prepared.boundColumns)).toEqual(['[selection] text']);
    expect(specs(prepared.resultColumns)).toEqual(["system.textasblob(?) blob", "system.blobastext(system.textasblob('hi')) text"]);
  });

  it('names the keys of element and slice selections key(m) and value(s)', () => {
    const prepared = prepare('SELECT m[?], s[?..?] FROM t WHERE pk = 1');
    expect(specs(prepared.boundColumns)).toEqual(['key(m) text', 'value(s) int', 'value(s) int']);
    expect(specs(prepared.resultColumns)).toEqual(['m[?] int', 's[?..?] set<int>']);
  });

  it.each([
    ["SELECT 'a const' FROM t", "Cannot infer type for term 'a const' in selection clause (try using a cast to force a type)"],
    ['SELECT ? FROM t', 'Cannot infer type for term ? in selection clause'],
    ['SELECT pk, null FROM t', 'Cannot infer type for term NULL in selection clause'],
    ['SELECT [1, 2, 3] FROM t', 'Cannot infer type for term [1, 2, 3] in selection clause'],
  ])('refuses %s: its type cannot be inferred', (cql, message) => {
    expect(() => prepare(cql)).toThrow(message);
  });
});
