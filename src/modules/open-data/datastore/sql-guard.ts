/**
 * The first gate of datastore_search_sql: a tokenizer that understands comments, string literals
 * (also E'…' and $tag$…$tag$) and quoted identifiers, so that `;`, keywords and function calls are
 * seen where PostgreSQL would see them and never inside a string. It refuses more than one
 * statement, anything but SELECT/WITH, writing or locking keywords, and calls of functions not on
 * the allow-list. The second gate is the plan (sql-search.ts): every relation must be a datastore
 * table; the third is the read-only transaction the query runs in.
 */

export interface Token {
  kind: 'word' | 'quoted' | 'string' | 'number' | 'symbol';
  text: string;
  /** Position in the source (for rewriting quoted resource ids). */
  start: number;
  end: number;
}

export class SqlGuardError extends Error {
  constructor(
    readonly kind: 'not_single' | 'not_select' | 'forbidden_keyword' | 'forbidden_function' | 'syntax',
    message: string,
  ) {
    super(message);
  }
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '-' && source[i + 1] === '-') {
      while (i < n && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      // Block comments nest in PostgreSQL.
      let depth = 1;
      i += 2;
      while (i < n && depth > 0) {
        if (source[i] === '/' && source[i + 1] === '*') (depth++, (i += 2));
        else if (source[i] === '*' && source[i + 1] === '/') (depth--, (i += 2));
        else i++;
      }
      if (depth > 0) throw new SqlGuardError('syntax', 'unterminated comment');
      continue;
    }
    const start = i;
    if (c === "'" || ((c === 'E' || c === 'e') && source[i + 1] === "'")) {
      const escapes = c !== "'";
      i += escapes ? 2 : 1;
      for (;;) {
        if (i >= n) throw new SqlGuardError('syntax', 'unterminated string');
        if (escapes && source[i] === '\\') i += 2;
        else if (source[i] === "'" && source[i + 1] === "'") i += 2;
        else if (source[i] === "'") break;
        else i++;
      }
      i++;
      tokens.push({ kind: 'string', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (c === '$') {
      const tag = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(source.slice(i));
      if (tag) {
        const close = source.indexOf(tag[0], i + tag[0].length);
        if (close < 0) throw new SqlGuardError('syntax', 'unterminated string');
        i = close + tag[0].length;
        tokens.push({ kind: 'string', text: source.slice(start, i), start, end: i });
        continue;
      }
    }
    if (c === '"' || ((c === 'U' || c === 'u') && source[i + 1] === '&' && source[i + 2] === '"')) {
      if (c !== '"') throw new SqlGuardError('syntax', 'unicode identifiers are not accepted');
      i++;
      let text = '';
      for (;;) {
        if (i >= n) throw new SqlGuardError('syntax', 'unterminated quoted identifier');
        if (source[i] === '"' && source[i + 1] === '"') (text += '"', (i += 2));
        else if (source[i] === '"') break;
        else text += source[i++];
      }
      i++;
      tokens.push({ kind: 'quoted', text, start, end: i });
      continue;
    }
    if (/[A-Za-z_\u0080-\uffff]/.test(c)) {
      while (i < n && /[A-Za-z0-9_$\u0080-\uffff]/.test(source[i]!)) i++;
      tokens.push({ kind: 'word', text: source.slice(start, i).toLowerCase(), start, end: i });
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(source[i + 1] ?? ''))) {
      while (i < n && /[0-9.eE]/.test(source[i]!)) i++;
      tokens.push({ kind: 'number', text: source.slice(start, i), start, end: i });
      continue;
    }
    i++;
    tokens.push({ kind: 'symbol', text: c, start, end: i });
  }
  return tokens;
}

/** Keywords that write, lock, change settings or run other statements: never in a search. */
const FORBIDDEN_KEYWORDS = new Set([
  'insert', 'update', 'delete', 'merge', 'into', 'copy', 'create', 'drop', 'alter', 'truncate', 'grant', 'revoke', 'set', 'reset', 'lock', 'call', 'do',
  'execute', 'prepare', 'deallocate', 'listen', 'notify', 'unlisten', 'vacuum', 'analyze', 'analyse', 'refresh', 'cluster', 'reindex', 'comment', 'security',
  'load', 'import', 'discard', 'checkpoint', 'begin', 'commit', 'rollback', 'savepoint', 'release', 'share', 'nowait', 'skip', 'returning',
]);

/** Words followed by `(` that are syntax, not function calls. */
const SYNTAX_BEFORE_PAREN = new Set([
  'select', 'from', 'where', 'and', 'or', 'not', 'in', 'exists', 'any', 'all', 'some', 'as', 'on', 'using', 'over', 'filter', 'within', 'cast', 'row',
  'array', 'values', 'join', 'lateral', 'case', 'when', 'then', 'else', 'by', 'having', 'union', 'intersect', 'except', 'with', 'is', 'between', 'like',
  'ilike', 'similar', 'distinct', 'limit', 'offset', 'partition', 'group', 'order', 'end', 'escape', 'materialized',
  // type names with modifiers: numeric(10,2), varchar(20)…
  'numeric', 'decimal', 'varchar', 'char', 'character', 'varying', 'timestamp', 'time', 'interval', 'bit', 'float',
]);

/** Functions a search may call (pure computations on values; CKAN keeps a similar allow-list). */
export const ALLOWED_FUNCTIONS = new Set([
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'stddev', 'stddev_pop', 'stddev_samp', 'variance', 'var_pop', 'var_samp', 'string_agg', 'array_agg', 'json_agg',
  'jsonb_agg', 'json_object_agg', 'bool_and', 'bool_or', 'every', 'percentile_cont', 'percentile_disc', 'mode', 'corr', 'covar_pop', 'covar_samp',
  'regr_slope', 'regr_intercept', 'grouping',
  // windows
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value',
  // conditionals and maths
  'coalesce', 'nullif', 'greatest', 'least', 'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'sqrt', 'cbrt', 'power', 'pow', 'exp', 'ln', 'log',
  'log10', 'mod', 'sign', 'div', 'width_bucket', 'pi', 'degrees', 'radians', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
  // text
  'lower', 'upper', 'initcap', 'length', 'char_length', 'character_length', 'octet_length', 'substr', 'substring', 'trim', 'btrim', 'ltrim', 'rtrim',
  'replace', 'translate', 'concat', 'concat_ws', 'left', 'right', 'position', 'strpos', 'split_part', 'lpad', 'rpad', 'reverse', 'repeat', 'starts_with',
  'regexp_replace', 'regexp_match', 'regexp_split_to_array', 'format', 'md5', 'unaccent', 'overlay', 'to_hex', 'ascii', 'chr',
  // dates and numbers as text
  'date_trunc', 'date_part', 'extract', 'age', 'to_char', 'to_date', 'to_timestamp', 'to_number', 'make_date', 'make_timestamp', 'make_interval', 'justify_days',
  'isfinite', 'date_bin',
  // json and arrays
  'json_build_object', 'jsonb_build_object', 'json_build_array', 'jsonb_build_array', 'to_json', 'to_jsonb', 'row_to_json', 'array_length',
  'array_to_string', 'string_to_array', 'unnest', 'cardinality', 'array_position',
  // full text
  'to_tsvector', 'to_tsquery', 'plainto_tsquery', 'phraseto_tsquery', 'websearch_to_tsquery', 'ts_rank', 'ts_rank_cd', 'ts_headline',
]);

/** The query without a trailing `;`, or throws SqlGuardError. */
export function checkSearchSql(source: string): { tokens: Token[]; sql: string } {
  const tokens = tokenize(source);
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.kind === 'symbol' && tokens[end - 1]!.text === ';') end--;
  const body = tokens.slice(0, end);
  if (body.some((t) => t.kind === 'symbol' && t.text === ';')) throw new SqlGuardError('not_single', 'Query is not a single statement.');
  if (body.length === 0) throw new SqlGuardError('syntax', 'empty query');
  const first = body[0]!;
  const opening = first.kind === 'symbol' && first.text === '(' ? body.find((t) => t.kind === 'word') : first;
  if (!opening || opening.kind !== 'word' || !['select', 'with'].includes(opening.text)) throw new SqlGuardError('not_select', 'Only SELECT statements are allowed.');
  for (let k = 0; k < body.length; k++) {
    const t = body[k]!;
    if (t.kind === 'word' && FORBIDDEN_KEYWORDS.has(t.text)) throw new SqlGuardError('forbidden_keyword', `Not authorized to use ${t.text.toUpperCase()}`);
    // FOR UPDATE / FOR SHARE / FOR NO KEY UPDATE / FOR KEY SHARE lock rows.
    if (t.kind === 'word' && t.text === 'for' && ['update', 'share', 'no', 'key'].includes(body[k + 1]?.text ?? '')) throw new SqlGuardError('forbidden_keyword', 'Not authorized to lock rows');
    const next = body[k + 1];
    if ((t.kind === 'word' || t.kind === 'quoted') && next?.kind === 'symbol' && next.text === '(') {
      if (t.kind === 'word' && SYNTAX_BEFORE_PAREN.has(t.text)) continue;
      const name = t.kind === 'quoted' ? t.text : t.text;
      const previous = body[k - 1];
      const qualifier = previous?.kind === 'symbol' && previous.text === '.' ? body[k - 2] : undefined;
      const qualified = qualifier && !(qualifier.kind === 'word' && qualifier.text === 'pg_catalog');
      if (qualified || !ALLOWED_FUNCTIONS.has(name)) throw new SqlGuardError('forbidden_function', `Not authorized to call function ${qualifier ? `${qualifier.text}.` : ''}${name}`);
    }
  }
  return { tokens: body, sql: source.slice(0, body[body.length - 1]!.end) };
}
