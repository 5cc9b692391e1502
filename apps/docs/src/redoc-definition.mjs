// Reads the API definition a built Redoc page carries (`const __redoc_definition = {...};`),
// so the browser check knows each operation's summary, samples and examples from the page itself.
import { operationTable, resolveRef } from '@gameclips/contract';

/** The definition embedded in a page built by `redocly build-docs`. */
export function definitionFromHtml(html) {
  const match = /const __redoc_definition = (.*);\s*$/m.exec(html);
  if (!match) throw new Error('The page holds no __redoc_definition: is it a page built by redocly build-docs?');
  return JSON.parse(match[1]);
}

/** Every operation with what the page should show for it. */
export function operationsOf(definition) {
  return operationTable(definition).map(({ operationId, method, path, operation }) => {
    const content = resolveRef(definition, operation.requestBody)?.content ?? {};
    const examples = Object.values(content).flatMap((media) => Object.values(media.examples ?? {}));
    return {
      operationId,
      summary: operation.summary,
      tag: operation.tags?.[0],
      method: method.toLowerCase(),
      path,
      samples: operation['x-codeSamples'] ?? [],
      requestExamples: examples.map((raw) => resolveRef(definition, raw)).map((e) => ({ summary: e.summary, value: e.value })),
    };
  });
}
