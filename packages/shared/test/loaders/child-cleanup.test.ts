// Parse children never outlive their parent: not when it exits, not when it is killed outright.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CORPUS } from "./temp-dir.js";

const PARENT = fileURLToPath(new URL("./fixtures/parent-of-parse.ts", import.meta.url));
const BIG_BOOK = `${CORPUS}/pdf/freeculture.pdf`;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitUntilGone(pid: number, withinMs: number): Promise<boolean> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return !isRunning(pid);
}

async function startParent(mode: "exit" | "wait") {
  const parent = spawn("node", ["--import", "tsx", PARENT, BIG_BOOK, mode], { stdio: ["ignore", "pipe", "inherit"] });
  const [firstLine] = (await once(parent.stdout, "data")) as [Buffer];
  const childPid = Number(firstLine.toString().trim());
  expect(childPid).toBeGreaterThan(0);
  return { parent, childPid };
}

describe("parse child lifetime", () => {
  it("is killed when the parent exits", async () => {
    const { parent, childPid } = await startParent("exit");
    await once(parent, "exit");
    expect(await waitUntilGone(childPid, 5000)).toBe(true);
  });

  it("exits by itself when the parent is killed with SIGKILL", async () => {
    const { parent, childPid } = await startParent("wait");
    expect(isRunning(childPid)).toBe(true);
    parent.kill("SIGKILL");
    await once(parent, "exit");
    expect(await waitUntilGone(childPid, 10_000)).toBe(true);
  });
});
