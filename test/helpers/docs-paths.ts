/**
 * Checks cards' docs links against a snapshot of Auth0's published docs paths
 * (test/fixtures/auth0-docs-paths.json, written by scripts/docs-paths.mjs): each link must be a
 * page in the snapshot and not the source of a redirect.
 */
import { readFileSync } from "node:fs";
import type { DocsPathsSnapshot } from "../../scripts/docs-paths.mjs";
import { DEFAULT_DOCS_BASE_URL, docsUrl } from "../../src/catalog/urls.js";

export type { DocsPathsSnapshot } from "../../scripts/docs-paths.mjs";

export const DOCS_PATHS_SNAPSHOT = new URL("../fixtures/auth0-docs-paths.json", import.meta.url);

export function loadDocsPathsSnapshot(file: URL | string = DOCS_PATHS_SNAPSHOT): DocsPathsSnapshot {
  return JSON.parse(readFileSync(file, "utf8")) as DocsPathsSnapshot;
}

/** What the check needs of a card: its file and its `docs_path`. */
export interface CardLink {
  file: string;
  docsPath: string;
}

/** The URL path a card links to, as published (`/docs/...` under the default base). */
export function publishedDocsPath(docsPath: string, base = DEFAULT_DOCS_BASE_URL): string {
  const pathname = new URL(docsUrl({ docsPath }, base)).pathname;
  return pathname.length > 1 ? pathname.replace(/\/+$/, "") : pathname;
}

/**
 * A Mintlify redirect source as a regular expression: `:name` is one path segment, `/:name?` an
 * optional one, `/:name*` any number of them, and `*` anything.
 */
export function redirectPattern(source: string): RegExp {
  let re = "";
  for (let i = 0; i < source.length; ) {
    const rest = source.slice(i);
    const param = /^\/:[A-Za-z_][A-Za-z0-9_]*([?*]?)/.exec(rest);
    if (param) {
      re += param[1] === "*" ? "(?:/.*)?" : param[1] === "?" ? "(?:/[^/]+)?" : "/[^/]+";
      i += param[0].length;
    } else if (rest.startsWith("*")) {
      re += ".*";
      i += 1;
    } else {
      re += (rest[0] as string).replace(/[.+?^${}()|[\]\\]/g, "\\$&");
      i += 1;
    }
  }
  return new RegExp(`^${re}/?$`);
}

/** The redirect a path is the source of, exact sources first, then patterns. */
export function redirectFor(
  p: string,
  snapshot: Pick<DocsPathsSnapshot, "redirects">,
): { source: string; destination: string } | undefined {
  const exact = snapshot.redirects[p];
  if (exact !== undefined) return { source: p, destination: exact };
  for (const [source, destination] of Object.entries(snapshot.redirects)) {
    if (/[:*]/.test(source) && redirectPattern(source).test(p)) return { source, destination };
  }
  return undefined;
}

/** Where a redirected path ends up: each hop, following the snapshot's redirects (at most 10). */
function redirectChain(first: string, snapshot: DocsPathsSnapshot): string[] {
  const chain = [first];
  for (let i = 0; i < 10; i++) {
    const next = redirectFor(chain[chain.length - 1] as string, snapshot);
    if (!next || chain.includes(next.destination)) break;
    chain.push(next.destination);
  }
  return chain;
}

/**
 * One message per card whose link is not current in the snapshot (empty when all are), each
 * naming the card's file and the `docs_path` field.
 */
export function checkDocsPaths(
  cards: CardLink[],
  snapshot: DocsPathsSnapshot,
  base = DEFAULT_DOCS_BASE_URL,
): string[] {
  const pages = new Set(snapshot.pages);
  const at = `Auth0's docs at ${snapshot.commit.slice(0, 7)} (${snapshot.date})`;
  const problems: string[] = [];
  for (const card of cards) {
    const published = publishedDocsPath(card.docsPath, base);
    const field = `${card.file}: docs_path ${card.docsPath}`;
    const redirect = redirectFor(published, snapshot);
    if (redirect) {
      const chain = redirectChain(redirect.destination, snapshot);
      const target = chain[chain.length - 1] as string;
      problems.push(
        `${field} (${published}) is a redirect source in ${at}: it redirects to ${chain.join(" → ")}` +
          `${pages.has(target) ? "" : " (not a page in the snapshot)"}; link the target instead`,
      );
    } else if (!snapshot.sections.some((s) => published === s || published.startsWith(`${s}/`))) {
      problems.push(
        `${field} (${published}) is outside the sections the snapshot keeps ` +
          `(${snapshot.sections.join(", ")}): refresh it with node scripts/docs-paths.mjs <docs-v2 git dir>`,
      );
    } else if (!pages.has(published)) {
      problems.push(
        `${field} (${published}) is no page in ${at}, and no redirect: moved or removed`,
      );
    }
  }
  return problems;
}
