/**
 * One way to run a statement on either engine, so that the report, the suggestions and the
 * installation store are written once. Statements are written in the dialect both engines share,
 * with SQLite's `?` placeholders and `COLLATE BINARY` for byte order; `postgresText` translates
 * them. Free of any driver: each engine's module makes its own `Sql`.
 */
export type Dialect = "sqlite" | "postgres";

export interface Sql {
  readonly dialect: Dialect;
  /** Every row of a query. */
  all<T>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly unknown[]): Promise<number>;
}

/**
 * A statement in PostgreSQL's terms: `?` placeholders numbered `$1`, `$2`…; `COLLATE BINARY`
 * (SQLite's byte order, its default) as `COLLATE "C"`, PostgreSQL's byte order, so that text
 * sorts the same on both whatever the database's locale. No statement here has a `?` in a
 * string literal.
 */
export function postgresText(sql: string): string {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`).replace(/COLLATE BINARY/g, 'COLLATE "C"');
}
