/**
 * `npm run bench` (issue 4): recommender latency against peers at 9, 1,000 and 10,000 cards,
 * cold starts, and HTTP load against the real Slack app and a bare Bolt app. Prints the tables
 * and writes bench/results.json. Not part of `npm test`; it stops by itself in about 70 to 90 seconds.
 * With BENCH_DATABASE_URL (postgres://…), commands are also measured recording to PostgreSQL.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { loadCatalog } from "../src/catalog/load.js";
import { writeSnapshot } from "../src/matching/snapshot.js";
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
// The same app recording to PostgreSQL, when there is one to record to.
const postgresUrl = process.env.BENCH_DATABASE_URL;
const postgres = postgresUrl
  ? await startApp("build/bench/apps/scenario-app.js", fake.apiUrl, { DATABASE_URL: postgresUrl })
  : undefined;
const postgresSkipped = postgres
  ? undefined
  : "set BENCH_DATABASE_URL=postgres://… (a database the bench may write to) to measure it";
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
}

log("recording: one transaction per answer against group commit…");
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
