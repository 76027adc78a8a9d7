import type { z } from "zod";

/** Something wrong in a catalog file: the file, the field at fault when there is one, what. */
export interface CatalogProblem {
  file: string;
  /** The field at fault (`keywords.3`, `native-app.terms`), when there is one. */
  field?: string | undefined;
  message: string;
}

export function formatProblem({ file, field, message }: CatalogProblem): string {
  return field ? `${file}: ${field}: ${message}` : `${file}: ${message}`;
}

/** A schema's complaints about a file, one problem each, naming the field. */
export function schemaProblems(file: string, error: z.ZodError): CatalogProblem[] {
  return error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const field = [...issue.path, ...keys].join(".") || undefined;
    const message = issue.code === "unrecognized_keys" ? "is not a known field" : issue.message;
    return { file, field, message };
  });
}
