import { contractOperations as declaredOperations } from '@gameclips/contract';

/** Which (operation, status) pairs the contract declares, and which the tests produced. */
export class Coverage {
  readonly #produced = new Map<string, Map<number, number>>();

  /** Notes one response of an operation. */
  record(operationId: string, status: number): void {
    const byStatus = this.#produced.get(operationId) ?? new Map<number, number>();
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    this.#produced.set(operationId, byStatus);
  }

  /** How many responses of an operation with a status were seen. */
  count(operationId: string, status: number): number {
    return this.#produced.get(operationId)?.get(status) ?? 0;
  }

  /** Declared pairs no test produced. */
  missing(): string[] {
    return declaredOperations.flatMap((op) =>
      op.statuses.filter((s) => !this.#produced.get(op.operationId)?.has(Number(s))).map((s) => `${op.operationId} ${s}`),
    );
  }

  /** Produced pairs the contract does not declare. */
  undeclared(): string[] {
    return [...this.#produced].flatMap(([operationId, byStatus]) => {
      const declared = declaredOperations.find((op) => op.operationId === operationId)?.statuses ?? [];
      return [...byStatus.keys()].filter((s) => !declared.includes(String(s))).map((s) => `${operationId} ${s}`);
    });
  }

  /** The matrix as a markdown table: responses seen per operation and status, `—` where not declared. */
  table(): string {
    const statuses = [...new Set(declaredOperations.flatMap((op) => op.statuses))].sort();
    const rows = declaredOperations.map((op) => {
      const cells = statuses.map((s) => {
        if (!op.statuses.includes(s)) return '—';
        const n = this.#produced.get(op.operationId)?.get(Number(s)) ?? 0;
        return n === 0 ? 'MISSING' : String(n);
      });
      return `| ${op.operationId} | ${cells.join(' | ')} |`;
    });
    return [`| operation | ${statuses.join(' | ')} |`, `| --- | ${statuses.map(() => '---:').join(' | ')} |`, ...rows].join('\n');
  }
}
