/** What a run found: the machine, the PASS/MISS targets (issue 4, §4) and the printed tables. */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg, totalmem } from "node:os";
import type { AppStart, CliColdStart } from "./cold-start.js";
import { OURS } from "./engines.js";
import type { Kind, LoadResult } from "./http.js";
import type { AccuracyRun, EngineRun, PeerRatio } from "./recommender.js";
import { median } from "./stats.js";

export interface Machine {
  cpu: string;
  /** What `nproc` prints: CPUs this process may run on. */
  nproc: number;
  node: string;
  platform: string;
  memoryGB: number;
  /** 1-minute load average when the run started: other work on the machine skews the figures. */
  loadAverage: number;
}

export function machine(): Machine {
  const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
  return {
    cpu: /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? "unknown",
    nproc: availableParallelism(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

/** Everything measured; also the shape of bench/results.json (plus the targets). */
export interface Measurements {
  date: string;
  machine: Machine;
  /** Which question set the bench ran on (questions.ts): "dev", "holdout"… */
  questionSet: string;
  devQuestions: number;
  answerableQuestions: number;
  engines: EngineRun[];
  ratios: PeerRatio[];
  accuracy: AccuracyRun[];
  cli: CliColdStart;
  appStart: AppStart;
  bareStart: AppStart;
  http: LoadResult[];
  /** Why commands recording to PostgreSQL were not measured (no server could be had). */
  postgresSkipped?: string;
  /** Where the PostgreSQL server came from: BENCH_DATABASE_URL, or a cluster the bench started. */
  postgresSource?: string;
}

export { OURS };
export const BARE = "bare Bolt";
export const BARE_ANSWER = "bare Bolt + answering";
export const OURS_UNRECORDED = "scenario-advisor, recording off";
export const OURS_POSTGRES = "scenario-advisor, recording to PostgreSQL";

export interface Target {
  name: string;
  measured: number;
  /** Whether the measured figure must be at most or at least the limit. */
  atMost: boolean;
  limit: number;
  unit: string;
  pass: boolean;
}

function target(
  name: string,
  measured: number | undefined,
  atMost: boolean,
  limit: number,
  unit: string,
): Target {
  const value = measured ?? Number.NaN;
  return {
    name,
    measured: value,
    atMost,
    limit,
    unit,
    pass: atMost ? value <= limit : value >= limit,
  };
}

/**
 * One row per app, kind and concurrency: each figure the median over its rounds (http.ts,
 * ROUNDS). The per-round rows stay in results.json.
 */
export function medianRuns(http: readonly LoadResult[]): LoadResult[] {
  const groups = new Map<string, LoadResult[]>();
  for (const r of http) {
    const key = `${r.app}|${r.kind}|${r.concurrency}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((runs) => {
    const first = runs[0] as LoadResult;
    const mid = (pick: (r: LoadResult) => number) => median(runs.map(pick));
    const delays = runs.flatMap((r) => (r.loopDelay ? [r.loopDelay] : []));
    return {
      ...first,
      round: 0,
      requests: first.requests,
      errors: runs.reduce((sum, r) => sum + r.errors, 0),
      throughput: mid((r) => r.throughput),
      latencyMs: {
        n: runs.reduce((sum, r) => sum + r.latencyMs.n, 0),
        p50: mid((r) => r.latencyMs.p50),
        p99: mid((r) => r.latencyMs.p99),
        mean: mid((r) => r.latencyMs.mean),
        max: Math.max(...runs.map((r) => r.latencyMs.max)),
      },
      cpuMsPerRequest: mid((r) => r.cpuMsPerRequest),
      rssAfterMB: (runs.at(-1) as LoadResult).rssAfterMB,
      peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
      ...(delays.length > 0 && {
        loopDelay: {
          p50Ms: median(delays.map((d) => d.p50Ms)),
          p99Ms: median(delays.map((d) => d.p99Ms)),
          maxMs: Math.max(...delays.map((d) => d.maxMs)),
        },
      }),
    };
  });
}

export interface RoundRatio {
  kind: Kind;
  what: string;
  /** Ours ÷ bare Bolt in each round (both measured in it), in round order. */
  perRound: number[];
  median: number;
  min: number;
  max: number;
}

const RATIO_FIGURES: readonly { what: string; of: (r: LoadResult) => number }[] = [
  { what: "p99", of: (r) => r.latencyMs.p99 },
  { what: "p50", of: (r) => r.latencyMs.p50 },
  { what: "CPU per request", of: (r) => r.cpuMsPerRequest },
  { what: "req/s", of: (r) => r.throughput },
  { what: "event-loop delay p99", of: (r) => r.loopDelay?.p99Ms ?? Number.NaN },
];

/** At c=50: ours ÷ bare Bolt, round by round, with the median and the spread. */
export function roundRatios(http: readonly LoadResult[], concurrency = 50): RoundRatio[] {
  const out: RoundRatio[] = [];
  for (const kind of ["command", "mention"] as const) {
    const runs = (app: string) =>
      http.filter((r) => r.app === app && r.kind === kind && r.concurrency === concurrency);
    const ours = runs(OURS);
    const bare = runs(BARE);
    for (const { what, of } of RATIO_FIGURES) {
      const perRound = ours.flatMap((o) => {
        const b = bare.find((r) => r.round === o.round);
        return b === undefined ? [] : [of(o) / of(b)];
      });
      if (perRound.length === 0) continue;
      out.push({
        kind,
        what,
        perRound,
        median: median(perRound),
        min: Math.min(...perRound),
        max: Math.max(...perRound),
      });
    }
  }
  return out;
}

export function targets(m: Measurements): Target[] {
  const engine = (cards: number) => m.engines.find((r) => r.engine === OURS && r.cards === cards);
  const http = medianRuns(m.http);
  const load = (app: string, concurrency: number) =>
    http.find((r) => r.app === app && r.kind === "command" && r.concurrency === concurrency);
  const ratios = roundRatios(m.http);
  const ratio = (kind: Kind, what: string) =>
    ratios.find((r) => r.kind === kind && r.what === what)?.median;
  const minisearch = m.ratios.filter((r) => r.peer.startsWith("MiniSearch"));
  return [
    target("recommender p50, 9 cards", engine(9)?.latencyUs.p50, true, 50, "µs"),
    target("recommender p99, 9 cards", engine(9)?.latencyUs.p99, true, 250, "µs"),
    target("recommender p99, 10,000 cards", engine(10_000)?.latencyUs.p99, true, 2_000, "µs"),
    // "At least as fast": neither the typical nor the slowest questions may be slower.
    ...minisearch.map((r) =>
      target(
        `ours ÷ MiniSearch (worse of p50, p99), ${fmt(r.cards, 0)} cards`,
        Math.max(r.p50, r.p99),
        true,
        1,
        "×",
      ),
    ),
    target("scenario-bot ask, cold answer (median)", m.cli.medianMs, true, 300, "ms"),
    // Issue 22: medians over the rounds of the per-round ratios.
    target("mention p99 at c=50, ours ÷ bare Bolt", ratio("mention", "p99"), true, 1.5, "×"),
    target("command p99 at c=50, ours ÷ bare Bolt", ratio("command", "p99"), true, 2, "×"),
    target(
      "CPU per command at c=50, ours ÷ bare Bolt",
      ratio("command", "CPU per request"),
      true,
      1.6,
      "×",
    ),
    target("commands/s at c=50, ours ÷ bare Bolt", ratio("command", "req/s"), false, 0.6, "×"),
    // The long-run goal (issue 4).
    target(
      "commands/s at c=50, ours ÷ bare Bolt (long run)",
      ratio("command", "req/s"),
      false,
      0.85,
      "×",
    ),
    target("ack p99 at c=1", load(OURS, 1)?.latencyMs.p99, true, 15, "ms"),
    target("RSS in HTTP mode after start", m.appStart.rssMB, true, 120, "MB"),
  ];
}

/** Fixed-point with `digits` decimals and thousands separators. */
export const fmt = (value: number, digits = 1): string =>
  Number.isFinite(value)
    ? value.toLocaleString("en-US", {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : "n/a";

/** A plain-text table: the first column left-aligned, the others right-aligned. */
function table(title: string, header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number),
      )
      .join("  ");
  return [title, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join(
    "\n",
  );
}

/** Commands at c=50, from bare Bolt to our app one step at a time: where our extra CPU goes. */
function gapTable(http: readonly LoadResult[]): string {
  const steps = [
    [BARE, "bare Bolt, fixed answer"],
    [BARE_ANSWER, "+ answering per request"],
    [OURS_UNRECORDED, "+ our listeners and middleware (recording off)"],
    [OURS, "+ recording the question = our app as shipped"],
  ] as const;
  const medians = medianRuns(http);
  const rows = steps.map(([app, label]) => ({
    label,
    run: medians.find((r) => r.app === app && r.kind === "command" && r.concurrency === 50),
  }));
  return table(
    "The c=50 command gap, step by step (app CPU per request)",
    ["step", "CPU ms/req", "added ms", "req/s"],
    rows.map(({ label, run }, i) => {
      const before = i === 0 ? undefined : rows[i - 1]?.run?.cpuMsPerRequest;
      const cpu = run?.cpuMsPerRequest ?? Number.NaN;
      return [
        label,
        fmt(cpu, 3),
        before === undefined ? "-" : fmt(cpu - before, 3),
        fmt(run?.throughput ?? Number.NaN, 0),
      ];
    }),
  );
}

/** Our app as shipped (SQLite at DATABASE_PATH) beside the same with DATABASE_URL: commands. */
function recordingTable(m: Measurements): string {
  const title = "Recording to SQLite beside PostgreSQL: commands, ack = the HTTP response";
  if (m.postgresSkipped !== undefined)
    return `${title}\n(PostgreSQL skipped: ${m.postgresSkipped})`;
  const http = medianRuns(m.http);
  const run = (app: string, concurrency: number) =>
    http.find((r) => r.app === app && r.kind === "command" && r.concurrency === concurrency);
  return table(
    title,
    ["recording to", "req/s c=50", "ack p99 ms c=50", "ack p99 ms c=1", "CPU ms/req c=50"],
    [
      [OURS, "SQLite (DATABASE_PATH)"],
      [OURS_POSTGRES, "PostgreSQL (DATABASE_URL)"],
    ].map(([app, label]) => [
      label as string,
      fmt(run(app as string, 50)?.throughput ?? Number.NaN, 0),
      fmt(run(app as string, 50)?.latencyMs.p99 ?? Number.NaN, 2),
      fmt(run(app as string, 1)?.latencyMs.p99 ?? Number.NaN, 2),
      fmt(run(app as string, 50)?.cpuMsPerRequest ?? Number.NaN, 3),
    ]),
  ).concat(m.postgresSource ? `\n(PostgreSQL: ${m.postgresSource})` : "");
}

/** The c=50 ratios, ours ÷ bare Bolt: the median of the rounds and its spread. */
function ratioTable(http: readonly LoadResult[]): string {
  const ratios = roundRatios(http);
  return table(
    `c=50, ours ÷ bare Bolt, per round (${ratios[0]?.perRound.length ?? 0} rounds, interleaved): median and spread`,
    ["kind", "figure", "median", "min", "max", "rounds"],
    ratios.map((r) => [
      r.kind,
      r.what,
      `${fmt(r.median, 2)}×`,
      fmt(r.min, 2),
      fmt(r.max, 2),
      r.perRound.map((x) => fmt(x, 2)).join(" "),
    ]),
  );
}

export function render(m: Measurements, results: readonly Target[]): string {
  const mc = m.machine;
  const sections = [
    `Scenario Advisor bench, ${m.date}: ${mc.cpu}, nproc ${mc.nproc}, Node ${mc.node}, ${mc.platform}, load average ${mc.loadAverage} at start`,
    table(
      `Recommender: per question, the ${m.devQuestions} ${m.questionSet} questions, after warm-up`,
      ["engine", "cards", "build ms", "memory MB", "p50 µs", "p99 µs", "mean µs", "samples"],
      m.engines.map((r) => [
        r.engine,
        fmt(r.cards, 0),
        fmt(r.buildMs),
        fmt(r.memoryMB),
        fmt(r.latencyUs.p50),
        fmt(r.latencyUs.p99),
        fmt(r.latencyUs.mean),
        fmt(r.latencyUs.n, 0),
      ]),
    ),
    table(
      "Our latency ÷ the peer's (below 1: ours is faster)",
      ["peer", "cards", "p50", "p99", "mean"],
      m.ratios.map((r) => [r.peer, fmt(r.cards, 0), fmt(r.p50, 3), fmt(r.p99, 3), fmt(r.mean, 3)]),
    ),
    table(
      `Top-1 accuracy, 9 cards, ${m.answerableQuestions} answerable ${m.questionSet} questions`,
      ["engine", "best-scoring card", "shipped answer (no-match threshold)"],
      m.accuracy.map((a) => [
        a.engine,
        `${fmt(a.top1Best * 100)}%`,
        a.top1Answer === undefined ? "-" : `${fmt(a.top1Answer * 100)}%`,
      ]),
    ),
    table(
      "Cold start (median)",
      ["what", "runs", "ms", "RSS MB"],
      [
        ["scenario-bot ask → first answer", String(m.cli.runs), fmt(m.cli.medianMs), "-"],
        [
          "Slack app, HTTP mode → /healthz 200",
          String(m.appStart.runs),
          fmt(m.appStart.medianMs),
          fmt(m.appStart.rssMB),
        ],
        [
          "bare Bolt app → /healthz 200",
          String(m.bareStart.runs),
          fmt(m.bareStart.medianMs),
          fmt(m.bareStart.rssMB),
        ],
      ],
    ),
    `scenario-bot ask loaded ${m.cli.cjsModules} CommonJS modules: ${m.cli.slackModules} from @slack (Bolt), ${m.cli.sqliteModules} from better-sqlite3.`,
    table(
      "HTTP over loopback (command: until the ack; mention: until the fake chat.postMessage); median of the rounds",
      [
        "app",
        "kind",
        "c",
        "requests",
        "errors",
        "req/s",
        "p50 ms",
        "p99 ms",
        "CPU ms/req",
        "loop p99 ms",
        "RSS MB",
        "peak MB",
      ],
      medianRuns(m.http).map((r) => [
        r.app,
        r.kind,
        String(r.concurrency),
        fmt(r.requests, 0),
        String(r.errors),
        fmt(r.throughput, 0),
        fmt(r.latencyMs.p50, 2),
        fmt(r.latencyMs.p99, 2),
        fmt(r.cpuMsPerRequest, 3),
        fmt(r.loopDelay?.p99Ms ?? Number.NaN, 1),
        fmt(r.rssAfterMB),
        fmt(r.peakRssMB),
      ]),
    ),
    ratioTable(m.http),
    gapTable(m.http),
    recordingTable(m),
    table(
      "Targets (issues 4 and 22)",
      ["target", "measured", "limit", "result"],
      results.map((t) => {
        const digits = t.unit === "×" ? 2 : 1;
        return [
          t.name,
          `${fmt(t.measured, digits)} ${t.unit}`,
          `${t.atMost ? "≤" : "≥"} ${fmt(t.limit, t.unit === "×" ? 2 : 0)} ${t.unit}`,
          t.pass ? "PASS" : "MISS",
        ];
      }),
    ),
  ];
  return `${sections.join("\n\n")}\n`;
}
