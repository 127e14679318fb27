/** The CSV dialect of COPY: cqlsh's DELIMITER, QUOTE and ESCAPE options. */
export interface CsvDialect {
  readonly delimiter: string;
  readonly quote: string;
  readonly escape: string;
}

/** A field quoted when it holds the delimiter, the quote or a line break; a quote inside escaped. */
export function csvField(value: string, d: CsvDialect): string {
  if (!value.includes(d.delimiter) && !value.includes(d.quote) && !/[\r\n]/.test(value)) return value;
  return `${d.quote}${value.split(d.quote).join(d.escape + d.quote)}${d.quote}`;
}

/** The records of a CSV text; quoted fields may hold delimiters, escaped or doubled quotes and line breaks. */
export function parseCsv(text: string, d: CsvDialect): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inQuotes) {
      if (c === d.escape && text[i + 1] === d.quote && d.escape !== d.quote) {
        field += d.quote;
        i++;
      } else if (c === d.quote && text[i + 1] === d.quote) {
        field += d.quote;
        i++;
      } else if (c === d.quote) inQuotes = false;
      else field += c;
    } else if (c === d.quote && field === '') {
      inQuotes = true;
      quoted = true;
    } else if (c === d.delimiter) {
      record.push(field);
      field = '';
      quoted = false;
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      quoted = false;
    } else field += c;
  }
  if (field !== '' || quoted || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  return records;
}
