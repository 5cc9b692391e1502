import Database from 'better-sqlite3';

/** Every row of every table of a SQLite file, in a stable order, as one comparable value. */
export function dumpDatabase(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db
      .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
      .all()
      .map((t) => t.name);
    return Object.fromEntries(
      tables.map((t) => {
        const columns = db.prepare(`SELECT * FROM "${t}"`).columns().map((_, i) => i + 1);
        return [t, db.prepare(`SELECT * FROM "${t}" ORDER BY ${columns.join(', ')}`).all()];
      }),
    );
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` and `PRAGMA foreign_key_check` of a file (opened read-write, so a WAL is recovered). */
export function checkIntegrity(file: string): { integrity: string; foreignKeyViolations: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
    const foreignKeyViolations = (db.pragma('foreign_key_check') as unknown[]).length;
    return { integrity, foreignKeyViolations };
  } finally {
    db.close();
  }
}
