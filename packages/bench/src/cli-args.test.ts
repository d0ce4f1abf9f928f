// The bench command line: both `--size 10000` and `--size=10000` reach the bench, a bad value
// stops it with a message instead of running the default (minutes longer), and `pnpm bench`
// does not take an option's value for the name of a benchmark.
import { describe, expect, it } from "vitest";
import { option, splitBenchArgs, wholeNumberOption } from "./cli-args.js";

describe("bench options", () => {
  it("reads --name value and --name=value alike", () => {
    expect(option("size", ["node", "peer", "--size", "10000"])).toBe("10000");
    expect(option("size", ["node", "peer", "--size=10000"])).toBe("10000");
    expect(option("factory", ["node", "bot", "--factory=IVF1024,Flat"])).toBe("IVF1024,Flat");
    expect(option("size", ["node", "peer", "--sizes=3"])).toBeUndefined();
  });

  it("gives the default when a number option is absent and the number when it is given", () => {
    expect(wholeNumberOption("chunks", 100_000, ["node", "bot"])).toBe(100_000);
    expect(wholeNumberOption("chunks", 100_000, ["node", "bot", "--chunks=1000000"])).toBe(1_000_000);
  });

  it("refuses a number option it cannot use, naming the option and the value", () => {
    expect(() => wholeNumberOption("size", 10_000, ["node", "peer", "--size=10k"])).toThrow(
      '--size must be a positive whole number (e.g. --size 10000), got "10k"',
    );
    expect(() => wholeNumberOption("users", 32, ["node", "bot", "--users", "0"])).toThrow(/--users .* got "0"/);
  });

  it("splits `pnpm bench` arguments into bench names and the options passed to each", () => {
    expect(splitBenchArgs(["peer", "--size", "10000", "bot", "--chunks=1000000", "--factory", "Flat"])).toEqual({
      names: ["peer", "bot"],
      options: ["--size", "10000", "--chunks=1000000", "--factory", "Flat"],
    });
    expect(splitBenchArgs(["bot", "--users", "8"]).names).toEqual(["bot"]);
  });
});
