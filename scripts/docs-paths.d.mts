/** Types of scripts/docs-paths.mjs, for the tests that import it. */
export declare const DOCS_PREFIX: string;
export declare function publishedPath(file: string): string | undefined;
export declare function normalizePath(p: string): string;
export declare function isPattern(source: string): boolean;
export declare function sectionsOf(cardPaths: string[]): string[];
export declare function isUnder(p: string, section: string): boolean;

export interface DocsPathsSnapshot {
  /** The docs repository, e.g. https://github.com/auth0/docs-v2. */
  source: string;
  /** The commit read, and its committer date (ISO 8601). */
  commit: string;
  date: string;
  note: string;
  /** The folders kept (published paths); pages and redirects outside them are left out. */
  sections: string[];
  /** Published URL paths of the pages, sorted, e.g. /docs/get-started/architecture-scenarios/spa-api. */
  pages: string[];
  /** Redirect source (a path or a Mintlify pattern) to its destination. */
  redirects: Record<string, string>;
}

export declare function buildSnapshot(input: {
  repo: string;
  commit: string;
  date: string;
  files: string[];
  redirects: { source: string; destination: string }[];
  cardPaths: string[];
}): DocsPathsSnapshot;
export declare function cardDocsPaths(dir: string): string[];
