/**
 * An OpenAPI document, or a part of one, as parsed from YAML or JSON. Its shape is the
 * contract's business: this package reads the members it needs and checks them where it does.
 */
export type OpenApiObject = Record<string, any>;
