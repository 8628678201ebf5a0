import type { Statement } from 'better-sqlite3';
import type { ReadModelDb } from './read-model-db';

/**
 * Statements of a query class, prepared on first use: a query object can be made before the runner
 * has created its tables, and a filter combination is compiled once however often it is asked.
 * (SQLite recompiles a statement by itself when a rebuild drops and re-creates its table.)
 */
export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: ReadModelDb) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }
}
