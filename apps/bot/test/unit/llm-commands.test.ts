// With an LLM configured, a command in a passage reaches the model whole (line breaks,
// options, placeholders) under the rule to quote it verbatim, and the command the model
// quotes back is shown to the reader as <pre>. The model is the OpenAI-protocol stand-in,
// scripted to copy the command it was given: what it returns is only what the prompt held.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createOpenAiAnswerer } from "@ai-library/shared/answer";
import { parseConfig } from "@ai-library/shared/config";
import { createLogger } from "@ai-library/shared/logging";
import type { Passage } from "@ai-library/shared/retrieval";
import { type OpenAiStandin, startOpenAiStandin } from "@ai-library/standins/openai";
import { parseTelegramHtml } from "@ai-library/standins/telegram";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { renderAnswer } from "../../src/format/render-answer.js";
import { textsFor } from "../../src/i18n/index.js";

const COMMAND = "$ gpg --full-generate-key\n$ gpg --export --armor <key-id> > public.asc";

const keyPassage: Passage = {
  bookId: "c".repeat(64),
  title: "Debian Maintainer's Handbook",
  file: "handbook.pdf",
  page: 48,
  position: 3,
  text: `Before signing uploads you need an OpenPGP key. To generate a new key and export it, type:\n\n${COMMAND}\n\nKeep the secret key safe.`,
  score: 0.4,
};

let standin: OpenAiStandin | undefined;
const logDir = mkdtempSync(join(tmpdir(), "ai-library-llm-commands-"));
afterEach(async () => {
  await standin?.close();
  standin = undefined;
});
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

/** A model that answers by quoting the first prompt-marked lines of passage [1] between fences. */
function copyCommandFromPrompt(messages: { role: string; content: string }[]): string {
  const user = messages.find((message) => message.role === "user")?.content ?? "";
  const lines = user.split("\n").filter((line) => line.startsWith("$ "));
  return `To generate a key, type [1]:\n\`\`\`\n${lines.join("\n")}\n\`\`\``;
}

describe("commands through the LLM path", () => {
  it("sends the command whole with the verbatim rule and shows the quoted command as <pre>", async () => {
    standin = await startOpenAiStandin({ reply: copyCommandFromPrompt });
    const config = parseConfig({ OPENAI_BASE_URL: standin.baseUrl, LOG_LEVEL: "error" });
    const logger = createLogger({ service: "bot-test", level: "error", dir: logDir, console: false });
    const answerer = createOpenAiAnswerer({ config, logger });
    const answer = await answerer.answer("How do I generate a GPG key?", [keyPassage], { language: "en" });

    const body = standin.requests.find((request) => request.path.endsWith("/chat/completions"))?.body as {
      messages: { role: string; content: string }[];
    };
    const [system, user] = body.messages;
    expect(user?.content).toContain(COMMAND);
    expect(system?.content).toMatch(/quote it verbatim.*--option stays two hyphens.*``` fences/s);

    expect(answer.text).toContain(`\`\`\`\n${COMMAND}\n\`\`\``);
    const [message] = renderAnswer(answer, textsFor("en"), ["s1"]);
    expect(message?.html).toContain(
      "<pre>$ gpg --full-generate-key\n$ gpg --export --armor &lt;key-id&gt; &gt; public.asc</pre>",
    );
    const parsed = parseTelegramHtml(message?.html ?? "");
    expect(parsed.ok && parsed.text).toContain(COMMAND);
  });
});
