// Types of redoc-definition.mjs.
export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}
export interface PageOperation {
  operationId: string;
  summary: string;
  tag: string | undefined;
  method: string;
  path: string;
  samples: CodeSample[];
  requestExamples: { summary: string; value: unknown }[];
}
export function definitionFromHtml(html: string): Record<string, any>;
export function operationsOf(definition: Record<string, any>): PageOperation[];
