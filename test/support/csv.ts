/** RFC 4180 reader: CRLF records, quoted fields with doubled quotes; anything else throws. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
      i++;
    } else if (c === '"' || c === '\n' || c === '\r')
      throw new Error(`not RFC 4180 at ${i}: ${JSON.stringify(c)}`);
    else field += c;
  }
  if (quoted || field !== '' || row.length > 0) throw new Error('last record is not terminated by CRLF');
  return rows;
}
