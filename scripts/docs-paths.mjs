#!/usr/bin/env node
/**
 * Writes test/fixtures/auth0-docs-paths.json: the URL paths of Auth0's published docs pages and
 * their redirects, read from a git directory of Auth0's docs repository (github.com/auth0/docs-v2),
 * so that test/catalog/docs-paths.test.ts can check every card's `docs_path` without network.
 *
 * How to refresh the snapshot (see docs/docs-paths.md):
 *
 *   git clone --bare --filter=blob:none https://github.com/auth0/docs-v2 /tmp/docs-v2.git
 *   #   (or, in an existing clone: git --git-dir=/tmp/docs-v2.git fetch origin '+refs/heads/*:refs/heads/*')
 *   node scripts/docs-paths.mjs /tmp/docs-v2.git
 *   npx vitest run test/catalog/docs-paths.test.ts
 *
 * Options: --rev REV (default HEAD), --scenarios DIR (default scenarios; the cards whose
 * docs_path decides which sections are kept), --out FILE (default
 * test/fixtures/auth0-docs-paths.json), --repo NAME (the source recorded, default auth0/docs-v2).
 *
 * What is read: the file list of REV (pages are main/docs/**.mdx; main/docs/a/b.mdx is published as
 * /docs/a/b, main/docs/a/index.mdx as /docs/a) and main/config/redirects.json (a list of
 * {source, destination}, paths with the /docs prefix; Mintlify's `:param`, `:param*`, `:param?`
 * and `*` patterns). No page content is kept. To keep the file small, only the sections the cards
 * link to are kept: the folder of each card's page (e.g. /docs/get-started/architecture-scenarios),
 * with every page under it, every redirect whose source or destination is under it, and every
 * pattern redirect whose fixed beginning could match a path under it.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Where the docs are served; every path in the snapshot starts with it. */
export const DOCS_PREFIX = "/docs";

/** The published URL path of a file in the docs repository, or undefined when it is no page. */
export function publishedPath(file) {
  const match = /^main\/docs\/(.+)\.mdx$/.exec(file);
  if (!match) return undefined;
  const rest = match[1].replace(/(^|\/)index$/, "");
  return rest === "" ? DOCS_PREFIX : `${DOCS_PREFIX}/${rest}`;
}

/** A redirect's path as the site compares it: a leading slash, no trailing one. */
export function normalizePath(p) {
  if (/^[a-z]+:\/\//i.test(p)) return p;
  const withSlash = p.startsWith("/") ? p : `/${p}`;
  return withSlash.length > 1 ? withSlash.replace(/\/+$/, "") : withSlash;
}

/** Whether a redirect source is a pattern (`:param`, `*`) rather than one path. */
export function isPattern(source) {
  return /[:*]/.test(source);
}

/** The sections kept: the folder of each card's published page, without ones inside another. */
export function sectionsOf(cardPaths) {
  const folders = [...new Set(cardPaths.map((p) => p.replace(/\/[^/]+$/, "") || DOCS_PREFIX))];
  return folders.filter((f) => !folders.some((g) => g !== f && isUnder(f, g))).sort();
}

/** Whether `p` is `section` or a path below it. */
export function isUnder(p, section) {
  return p === section || p.startsWith(`${section}/`);
}

function touchesSections(source, destination, sections) {
  if (isPattern(source)) {
    // The part before the first parameter or wildcard: it can match under a section when one
    // begins with the other.
    const fixed = source.slice(0, source.search(/[:*]/));
    return sections.some((s) => `${s}/`.startsWith(fixed) || fixed.startsWith(`${s}/`));
  }
  return sections.some((s) => isUnder(source, s) || isUnder(destination, s));
}

/**
 * The snapshot, from the repository's file list and redirect table and the cards' docs paths
 * (published paths, with the /docs prefix).
 */
export function buildSnapshot({ repo, commit, date, files, redirects, cardPaths }) {
  const sections = sectionsOf(cardPaths);
  const pages = [
    ...new Set(
      files
        .map(publishedPath)
        .filter((p) => p !== undefined && sections.some((s) => isUnder(p, s))),
    ),
  ].sort();
  const kept = {};
  for (const { source, destination } of redirects) {
    const from = normalizePath(source);
    const to = normalizePath(destination);
    if (touchesSections(from, to, sections)) kept[from] = to;
  }
  const sortedRedirects = Object.fromEntries(
    Object.entries(kept).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  return {
    source: `https://github.com/${repo}`,
    commit,
    date,
    note:
      "Written by scripts/docs-paths.mjs (see docs/docs-paths.md); do not edit by hand. Only the " +
      "sections the cards link to are kept: every page under them, every redirect whose source " +
      "or destination is under them, and every pattern redirect that could match under them. " +
      "Pages are main/docs/**.mdx as published (index.mdx as its folder); other languages' " +
      "pages (/docs/fr-ca, /docs/ja-jp) are outside these sections.",
    sections,
    pages,
    redirects: sortedRedirects,
  };
}

/** The docs_path of each card in a scenarios directory (front matter only, no validation). */
export function cardDocsPaths(dir) {
  return readdirSync(dir)
    .filter((name) => name.endsWith(".md"))
    .sort()
    .map((name) => {
      const text = readFileSync(path.join(dir, name), "utf8");
      const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1] ?? "";
      const docsPath = /^docs_path:\s*["']?([^\s"']+)["']?\s*$/m.exec(front)?.[1];
      if (!docsPath) throw new Error(`${name} has no docs_path`);
      return `${DOCS_PREFIX}${docsPath}`;
    });
}

function parseArgs(argv) {
  const options = {
    rev: "HEAD",
    scenarios: "scenarios",
    out: "test/fixtures/auth0-docs-paths.json",
    repo: "auth0/docs-v2",
  };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = arg.startsWith("--") ? arg.slice(2) : undefined;
    if (name && name in options && argv[i + 1] !== undefined) {
      options[name] = argv[++i];
    } else if (name) {
      throw new Error(`unknown option ${arg}`);
    } else {
      rest.push(arg);
    }
  }
  if (rest.length !== 1) throw new Error("usage: node scripts/docs-paths.mjs <docs-v2 git dir>");
  return { gitDir: rest[0], ...options };
}

function main(argv) {
  const { gitDir, rev, scenarios, out, repo } = parseArgs(argv);
  const git = (...args) =>
    execFileSync("git", [`--git-dir=${gitDir}`, ...args], {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    });
  const [commit, date] = git("log", "-1", "--format=%H %cI", rev).trim().split(" ");
  const files = git("ls-tree", "-r", "--name-only", commit, "main/docs/").split("\n");
  const redirects = JSON.parse(git("show", `${commit}:main/config/redirects.json`));
  const snapshot = buildSnapshot({
    repo,
    commit,
    date,
    files,
    redirects,
    cardPaths: cardDocsPaths(scenarios),
  });
  writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
  console.log(
    `${out}: ${snapshot.pages.length} pages and ${Object.keys(snapshot.redirects).length} ` +
      `redirects under ${snapshot.sections.join(", ")} at ${commit} (${date})`,
  );
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(`docs-paths: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}
