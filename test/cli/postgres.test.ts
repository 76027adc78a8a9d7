/** The command line's recorded questions on PostgreSQL (DATABASE_URL), in process. */
import path from "node:path";
import { expect, it } from "vitest";
import { PostgresRecorder } from "../../src/store/postgres-recorder.js";
import { cardsDir } from "../helpers/cards.js";
import { describePg, freshDatabase } from "../helpers/postgres.js";
import { cli } from "./helpers.js";

describePg("recorded questions on PostgreSQL (DATABASE_URL)", () => {
  it("ask --record writes there, and report and suggest read there, by workspace", async () => {
    const { url } = await freshDatabase();
    const env = { DATABASE_URL: url, DATABASE_PATH: path.join(cardsDir({}), "unused.db") };
    const asked = await cli(["ask", "--record", "--json"], {
      env,
      input: "flutter app calling our api\nanyone seen my stapler?\n",
    });
    expect(asked.code).toBe(0);
    // Slack's answers carry their workspace.
    const slack = new PostgresRecorder({ databaseUrl: url, retentionDays: 90, log: console });
    for (const workspaceId of ["T0000001", "T0000002", "T0000002"]) {
      slack.recordAnswer({
        id: crypto.randomUUID(),
        workspaceId,
        surface: "mention",
        userId: "U1",
        question: "okta for staff",
        scenarioId: "b2e",
        score: 0.5,
        alternatives: [],
      });
    }
    await slack.close();

    const all = JSON.parse((await cli(["report", "--json"], { env })).stdout);
    expect(all).toMatchObject({ answered: 5, bySurface: { cli: 2, mention: 3 }, noMatch: 1 });
    const t2 = JSON.parse(
      (await cli(["report", "--json", "--workspace", "T0000002"], { env })).stdout,
    );
    expect(t2).toMatchObject({
      workspaceId: "T0000002",
      answered: 2,
      bySurface: { cli: 0, mention: 2 },
    });
    expect((await cli(["ask", "--record", "stats"], { env })).stdout).toMatch(
      /: 5 questions answered/,
    );
    expect((await cli(["suggest", "--workspace", "T0000002"], { env })).stdout).toMatch(
      /^# No suggestions/,
    );
    // DATABASE_PATH was never touched.
    expect((await cli(["report"], { env: { DATABASE_PATH: env.DATABASE_PATH } })).stderr).toMatch(
      /no recorded questions/,
    );
  });

  it("report neither creates nor migrates that database, and never prints its URL", async () => {
    const { url } = await freshDatabase();
    const withPassword = new URL(url);
    withPassword.password = "pw-SECRET";
    const { code, stderr } = await cli(["report"], {
      env: { DATABASE_URL: withPassword.toString() },
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL has schema version 0, this build reads version \d+/);
    expect(stderr).not.toContain("SECRET");
  });
});
