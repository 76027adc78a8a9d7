/**
 * `npm run bench` (issue 4): recommender latency against peers at 9, 1,000 and 10,000 cards,
 * cold starts, and HTTP load against the real Slack app and a bare Bolt app. Prints the tables
 * and writes bench/results.json. Not part of `npm test`; it stops by itself in about 70 to 90 seconds.
 * Commands are also measured recording to PostgreSQL: to BENCH_DATABASE_URL (postgres://…) if
 * set, else to a throwaway cluster the bench starts when PostgreSQL is installed (as the tests
 * do, test/helpers/postgres-server.ts), with the server's default durability.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../src/catalog/load.js";
import { writeSnapshot } from "../src/matching/snapshot.js";
import { findPgBin, type PgCluster, startCluster } from "../test/helpers/postgres-server.js";
import { benchAppStart, benchCliColdStart, startApp } from "./cold-start.js";
import { FakeWebApi } from "./fake-slack.js";
import { benchGroupCommit, renderGroupCommit } from "./group-commit.js";
import { benchHttp } from "./http.js";
import { ROOT, SCENARIOS_DIR, stop } from "./processes.js";
import { benchQuestionSet } from "./questions.js";
import { benchAccuracy, benchLatency, peerRatios } from "./recommender.js";
import {
  BARE,
  BARE_ANSWER,
  type Measurements,
  machine,
  OURS,
  OURS_POSTGRES,
  OURS_UNRECORDED,
  render,
  targets,
} from "./report.js";
import { SYNTHETIC_SEED } from "./synthetic.js";

const RESULTS = path.join(ROOT, "bench/results.json");

const log = (line: string) => process.stderr.write(`${line}\n`);
const started = performance.now();
const host = machine(); // first, so its load average is the machine's before the bench
// The bench's workload (questions.ts); the recommender itself never reads these files.
const questionSet = benchQuestionSet(ROOT);
log(`bench: ${questionSet.name} questions from ${path.relative(process.cwd(), questionSet.file)}`);
const { cases } = questionSet;
const questions = cases.map((c) => c.text);
const real = loadCatalog(SCENARIOS_DIR);

log("1/3 recommender: accuracy, then latency at each catalog size…");
const accuracy = benchAccuracy(real, cases);
const engines = benchLatency(real, questions, log);

log("2/3 cold starts…");
// The apps below run from build/, compiled beside the bench: give it the snapshot dist/ has.
await writeSnapshot(SCENARIOS_DIR);
const cli = await benchCliColdStart();
const fake = await new FakeWebApi().start();
const ours = await benchAppStart("build/bench/apps/scenario-app.js", fake.apiUrl);
const bare = await benchAppStart("build/bench/apps/bare-bolt.js", fake.apiUrl);
// Not cold-start subjects: they only split the HTTP gap into steps (see gapTable in report.ts).
const bareAnswer = await startApp("build/bench/apps/bare-bolt.js", fake.apiUrl, {
  BENCH_ANSWER: "1",
});
const unrecorded = await startApp("build/bench/apps/scenario-app.js", fake.apiUrl, {
  RECORD_QUESTIONS: "false",
});
// The same app recording to PostgreSQL: BENCH_DATABASE_URL, else a cluster of our own.
let cluster: PgCluster | undefined;
let postgresUrl = process.env.BENCH_DATABASE_URL;
let postgresSource: string | undefined = postgresUrl && "BENCH_DATABASE_URL";
let postgresSkipped: string | undefined;
if (!postgresUrl) {
  const bin = findPgBin();
  if (bin === undefined) {
    postgresSkipped =
      "no PostgreSQL found (install it, or set BENCH_DATABASE_URL=postgres://… to a database the bench may write to)";
  } else {
    try {
      // The tests' cluster turns durability off; the bench measures the server's defaults.
      cluster = await startCluster(bin, undefined, [
        "fsync=on",
        "synchronous_commit=on",
        "full_page_writes=on",
      ]);
      postgresUrl = cluster.url;
      postgresSource = `a throwaway cluster started by the bench (${bin}), fsync and synchronous_commit on`;
    } catch (error) {
      postgresSkipped = `starting PostgreSQL failed: ${(error as Error).message.split("\n")[0]}`;
    }
  }
}
process.on("exit", () => cluster?.stop());
const postgres = postgresUrl
  ? await startApp("build/bench/apps/scenario-app.js", fake.apiUrl, { DATABASE_URL: postgresUrl })
  : undefined;
if (postgresSkipped) log(`bench: PostgreSQL skipped: ${postgresSkipped}`);

log("3/3 HTTP load…");
let http: Measurements["http"];
try {
  const apps = [
    { name: OURS, app: ours.running },
    { name: BARE, app: bare.running },
    { name: BARE_ANSWER, app: bareAnswer, kinds: ["command"] as const },
    { name: OURS_UNRECORDED, app: unrecorded, kinds: ["command"] as const },
    ...(postgres ? [{ name: OURS_POSTGRES, app: postgres, kinds: ["command"] as const }] : []),
  ];
  http = await benchHttp(apps, fake, questions);
} finally {
  await Promise.all(
    [ours.running, bare.running, bareAnswer, unrecorded, ...(postgres ? [postgres] : [])].map(
      (app) => stop(app.spawned),
    ),
  );
  await fake.close();
  cluster?.stop();
  cluster = undefined;
}

log("recording: one transaction per turn against group commit…");
const groupCommit = await benchGroupCommit();

const measurements: Measurements = {
  date: new Date().toISOString().slice(0, 10),
  machine: host,
  questionSet: questionSet.name,
  devQuestions: questions.length,
  answerableQuestions: cases.filter((c) => c.expected.length > 0).length,
  engines,
  ratios: peerRatios(engines),
  accuracy,
  cli,
  appStart: ours.start,
  bareStart: bare.start,
  http,
  ...(postgresSkipped !== undefined && { postgresSkipped }),
  ...(postgresSource !== undefined && { postgresSource }),
};
const results = targets(measurements);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(render(measurements, results));
process.stdout.write(renderGroupCommit(groupCommit));

mkdirSync(path.dirname(RESULTS), { recursive: true });
const json = {
  ...measurements,
  syntheticSeed: SYNTHETIC_SEED,
  targets: results,
  groupCommit,
  benchSeconds: seconds,
};
writeFileSync(RESULTS, `${JSON.stringify(json, null, 2)}\n`);
process.stdout.write(
  `\nbench took ${Math.round(seconds)} s; wrote ${path.relative(process.cwd(), RESULTS)}\n`,
);
