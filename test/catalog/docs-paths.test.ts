/**
 * Every card's docs link against a committed snapshot of Auth0's published docs paths
 * (test/fixtures/auth0-docs-paths.json, from github.com/auth0/docs-v2; refresh it as
 * docs/docs-paths.md says). No network: a page Auth0 moves or removes is caught when the snapshot
 * is refreshed.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildSnapshot, publishedPath, sectionsOf } from "../../scripts/docs-paths.mjs";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import {
  checkDocsPaths,
  type DocsPathsSnapshot,
  loadDocsPathsSnapshot,
  publishedDocsPath,
  redirectFor,
} from "../helpers/docs-paths.js";
import { tempDir } from "../helpers/tmp.js";

const ROOT = path.resolve(DEFAULT_SCENARIOS_DIR, "..");
const SCRIPT = path.join(ROOT, "scripts", "docs-paths.mjs");

function fakeSnapshot(over: Partial<DocsPathsSnapshot> = {}): DocsPathsSnapshot {
  return {
    source: "https://github.com/auth0/docs-v2",
    commit: "0123456789abcdef0123456789abcdef01234567",
    date: "2026-01-02T03:04:05Z",
    note: "fake",
    sections: ["/docs/get-started/architecture-scenarios"],
    pages: [
      "/docs/get-started/architecture-scenarios/new-name",
      "/docs/get-started/architecture-scenarios/spa-api",
    ],
    redirects: {
      "/docs/get-started/architecture-scenarios/old-name":
        "/docs/get-started/architecture-scenarios/renamed",
      "/docs/get-started/architecture-scenarios/renamed":
        "/docs/get-started/architecture-scenarios/new-name",
      "/docs/get-started/architecture-scenarios/legacy/:path*":
        "/docs/get-started/architecture-scenarios/spa-api",
    },
    ...over,
  };
}

describe("the shipped cards' docs links", () => {
  const snapshot = loadDocsPathsSnapshot();
  const cards = loadCatalog(DEFAULT_SCENARIOS_DIR).scenarios.map((s) => ({
    file: path.relative(ROOT, s.file),
    docsPath: s.docsPath,
  }));

  it("are checked against a snapshot that says where and when it was taken", () => {
    expect(snapshot.source).toBe("https://github.com/auth0/docs-v2");
    expect(snapshot.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(Number.isNaN(Date.parse(snapshot.date))).toBe(false);
    expect(snapshot.pages).toEqual([...snapshot.pages].sort());
    expect(cards).toHaveLength(9);
  });

  it("each lead to a current page: one in the snapshot, and no redirect's source", () => {
    expect(checkDocsPaths(cards, snapshot)).toEqual([]);
  });

  it("would fail with the seed's old paths, each naming where it now redirects", () => {
    const seed = [
      { file: "scenarios/spa-api.md", docsPath: "/architecture-scenarios/application/spa-api" },
      { file: "scenarios/b2b.md", docsPath: "/architecture-scenarios/b2b" },
    ];
    const problems = checkDocsPaths(seed, snapshot);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /^scenarios\/spa-api\.md: docs_path \/architecture-scenarios\/application\/spa-api .*redirects to \/docs\/get-started\/architecture-scenarios\/spa-api;/,
    );
    expect(problems[1]).toContain(
      "redirects to /docs/get-started/architecture-scenarios/business-to-business;",
    );
  });

  it("match the snapshot's sections (refresh it when a card links elsewhere)", () => {
    expect(snapshot.sections).toEqual(sectionsOf(cards.map((c) => publishedDocsPath(c.docsPath))));
  });
});

describe("checkDocsPaths (over a fake snapshot)", () => {
  const snapshot = fakeSnapshot();
  const card = (docsPath: string) => ({ file: "scenarios/x.md", docsPath });

  it("passes a page that is in the snapshot", () => {
    expect(checkDocsPaths([card("/get-started/architecture-scenarios/spa-api")], snapshot)).toEqual(
      [],
    );
  });

  it("fails a redirect source, naming the card file, the field and where it now leads", () => {
    const [problem, ...rest] = checkDocsPaths(
      [card("/get-started/architecture-scenarios/old-name")],
      snapshot,
    );
    expect(rest).toEqual([]);
    expect(problem).toContain(
      "scenarios/x.md: docs_path /get-started/architecture-scenarios/old-name",
    );
    expect(problem).toContain("redirect source");
    expect(problem).toContain(
      "/docs/get-started/architecture-scenarios/renamed → /docs/get-started/architecture-scenarios/new-name",
    );
  });

  it("fails a path a redirect pattern matches, even when a page is also there", () => {
    const withPage = fakeSnapshot({
      pages: [...snapshot.pages, "/docs/get-started/architecture-scenarios/legacy/a/b"],
    });
    const [problem] = checkDocsPaths(
      [card("/get-started/architecture-scenarios/legacy/a/b")],
      withPage,
    );
    expect(problem).toContain("redirects to /docs/get-started/architecture-scenarios/spa-api");
  });

  it("fails a removed page (no page, no redirect)", () => {
    const [problem] = checkDocsPaths([card("/get-started/architecture-scenarios/gone")], snapshot);
    expect(problem).toContain("scenarios/x.md: docs_path /get-started/architecture-scenarios/gone");
    expect(problem).toContain("is no page in Auth0's docs at 0123456 (2026-01-02T03:04:05Z)");
  });

  it("fails a path outside the snapshot's sections, saying to refresh it", () => {
    const [problem] = checkDocsPaths([card("/authenticate/elsewhere")], snapshot);
    expect(problem).toContain("outside the sections the snapshot keeps");
    expect(problem).toContain("node scripts/docs-paths.mjs");
  });

  it("reads the path under the docs base URL, trailing slash or not", () => {
    expect(publishedDocsPath("/get-started/architecture-scenarios/spa-api/")).toBe(
      "/docs/get-started/architecture-scenarios/spa-api",
    );
    expect(
      checkDocsPaths([card("/get-started/architecture-scenarios/spa-api/")], snapshot),
    ).toEqual([]);
  });

  it("matches Mintlify's patterns by segment", () => {
    const redirects = {
      "/docs/a/:slug": "/docs/one",
      "/docs/b/:slug?": "/docs/optional",
      "/docs/c/*": "/docs/any",
    };
    expect(redirectFor("/docs/a/x", { redirects })?.destination).toBe("/docs/one");
    expect(redirectFor("/docs/a/x/y", { redirects })).toBeUndefined();
    expect(redirectFor("/docs/b", { redirects })?.destination).toBe("/docs/optional");
    expect(redirectFor("/docs/c/x/y", { redirects })?.destination).toBe("/docs/any");
    expect(redirectFor("/docs/cx", { redirects })).toBeUndefined();
  });
});

describe("scripts/docs-paths.mjs", () => {
  it("publishes main/docs/**.mdx as /docs paths, index.mdx as its folder", () => {
    expect(publishedPath("main/docs/get-started/architecture-scenarios/spa-api.mdx")).toBe(
      "/docs/get-started/architecture-scenarios/spa-api",
    );
    expect(publishedPath("main/docs/api/authentication/login/index.mdx")).toBe(
      "/docs/api/authentication/login",
    );
    expect(publishedPath("main/docs/index.mdx")).toBe("/docs");
    expect(publishedPath("main/docs/images/a.png")).toBeUndefined();
    expect(publishedPath("main/snippets/a.mdx")).toBeUndefined();
  });

  it("keeps only the cards' sections, and the redirects into, out of or matching them", () => {
    const snapshot = buildSnapshot({
      repo: "auth0/docs-v2",
      commit: "c",
      date: "d",
      files: [
        "main/docs/get-started/architecture-scenarios.mdx",
        "main/docs/get-started/architecture-scenarios/spa-api.mdx",
        "main/docs/get-started/architecture-scenarios/spa-api/part-1.mdx",
        "main/docs/fr-ca/get-started/architecture-scenarios/spa-api.mdx",
        "main/docs/get-started/other.mdx",
        "main/docs/get-started/architecture-scenarios/diagram.png",
      ],
      redirects: [
        {
          source: "/docs/architecture-scenarios/application/spa-api/",
          destination: "/docs/get-started/architecture-scenarios/spa-api",
        },
        {
          source: "docs/get-started/architecture-scenarios/old",
          destination: "/docs/elsewhere",
        },
        { source: "/docs/get-started/:slug*", destination: "/docs/get-started" },
        { source: "/docs/quickstart/:slug*", destination: "/docs/quickstarts" },
        { source: "/docs/unrelated", destination: "/docs/other" },
      ],
      cardPaths: ["/docs/get-started/architecture-scenarios/spa-api"],
    });
    expect(snapshot.sections).toEqual(["/docs/get-started/architecture-scenarios"]);
    expect(snapshot.pages).toEqual([
      "/docs/get-started/architecture-scenarios",
      "/docs/get-started/architecture-scenarios/spa-api",
      "/docs/get-started/architecture-scenarios/spa-api/part-1",
    ]);
    expect(snapshot.redirects).toEqual({
      "/docs/architecture-scenarios/application/spa-api":
        "/docs/get-started/architecture-scenarios/spa-api",
      "/docs/get-started/:slug*": "/docs/get-started",
      "/docs/get-started/architecture-scenarios/old": "/docs/elsewhere",
    });
  });

  it("writes the snapshot from a docs-v2 git directory, with its commit and date", () => {
    const dir = tempDir("docs-paths");
    const work = path.join(dir, "work");
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: work,
        encoding: "utf8",
        env: {
          ...process.env,
          GIT_CONFIG_GLOBAL: "/dev/null",
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.com",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.com",
          GIT_COMMITTER_DATE: "2026-02-03T04:05:06Z",
          GIT_AUTHOR_DATE: "2026-02-03T04:05:06Z",
        },
      });
    mkdirSync(work);
    git("init", "-q", "-b", "main");
    const files: Record<string, string> = {
      "main/docs/get-started/architecture-scenarios/spa-api.mdx": "---\ntitle: x\n---\n",
      "main/config/redirects.json": JSON.stringify([
        {
          source: "/docs/architecture-scenarios/spa-api",
          destination: "/docs/get-started/architecture-scenarios/spa-api",
        },
      ]),
    };
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
      writeFileSync(path.join(work, name), text);
    }
    const cards = path.join(dir, "cards");
    mkdirSync(cards);
    writeFileSync(
      path.join(cards, "spa-api.md"),
      "---\nid: spa-api\ndocs_path: /get-started/architecture-scenarios/spa-api\n---\nBody\n",
    );
    git("add", ".");
    git("commit", "-q", "-m", "docs");
    const commit = git("rev-parse", "HEAD").trim();
    const out = path.join(dir, "snapshot.json");
    execFileSync(process.execPath, [
      SCRIPT,
      path.join(work, ".git"),
      "--scenarios",
      cards,
      "--out",
      out,
    ]);
    const written = JSON.parse(readFileSync(out, "utf8")) as DocsPathsSnapshot;
    expect(written).toMatchObject({
      source: "https://github.com/auth0/docs-v2",
      commit,
      date: "2026-02-03T04:05:06+00:00",
      sections: ["/docs/get-started/architecture-scenarios"],
      pages: ["/docs/get-started/architecture-scenarios/spa-api"],
      redirects: {
        "/docs/architecture-scenarios/spa-api": "/docs/get-started/architecture-scenarios/spa-api",
      },
    });
    expect(
      checkDocsPaths(
        [{ file: "spa-api.md", docsPath: "/get-started/architecture-scenarios/spa-api" }],
        written,
      ),
    ).toEqual([]);
  });
});
