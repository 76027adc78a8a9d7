import { describe, expect, it } from "vitest";
import { cutLines, type Line } from "../../src/cli/lines.js";

async function lines(chunks: string[], max = 10): Promise<Line[]> {
  const read: Line[] = [];
  for await (const line of cutLines(chunks, max)) read.push(line);
  return read;
}

const whole = (text: string): Line => ({ text, cut: false });

describe("cutLines", () => {
  it("splits on \\n only, across chunks; \\r\\n loses its \\r, a bare \\r stays", async () => {
    expect(await lines(["ab\r", "\ncd\rx", "y\n\nlast"])).toEqual([
      whole("ab"),
      whole("cd\rxy"),
      whole(""),
      whole("last"),
    ]);
  });

  it("no input, no lines; a final \\n adds none", async () => {
    expect(await lines([])).toEqual([]);
    expect(await lines(["a\n"])).toEqual([whole("a")]);
  });

  it("cuts a long line at max, however it arrives, and goes on with the next", async () => {
    expect(await lines(["0123456789", "abc", "def\nnext\n"])).toEqual([
      { text: "0123456789", cut: true },
      whole("next"),
    ]);
    expect(await lines(["0123456789\n"])).toEqual([whole("0123456789")]);
    expect(await lines(["0123456789ab"])).toEqual([{ text: "0123456789", cut: true }]);
  });
});
