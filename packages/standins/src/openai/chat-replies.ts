// Chat side of the stand-in: the default reply script and the response bodies in the
// exact shapes of the Chat Completions API (whole object, or SSE chunks ending in [DONE]).
import { approximateTokens } from "./fake-embedding.js";
import type { StandinChatMessage } from "./types.js";

const PASSAGE_PATTERN = /<passage\b[^>]*>([\s\S]*?)<\/passage>/i;

/** Cites [1] and quotes the first sentence of the first passage found in the last user message. */
export function defaultReply(messages: StandinChatMessage[]): string {
  const user = [...messages].reverse().find((message) => message.role === "user")?.content ?? "";
  const passage = PASSAGE_PATTERN.exec(user)?.[1]?.trim() ?? user.trim();
  const firstSentence = (passage.split(/(?<=[.!?…])\s+/)[0] ?? "").slice(0, 300);
  const russian = /[а-яё]/i.test(user);
  return russian ? `Согласно книге [1]: «${firstSentence}»` : `According to the book [1]: "${firstSentence}"`;
}

function contentToText(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        typeof part === "object" && part !== null && "text" in part && typeof part.text === "string" ? part.text : "",
      )
      .join("");
  }
  return "";
}

export function readMessages(body: Record<string, unknown>): StandinChatMessage[] {
  const raw = Array.isArray(body.messages) ? (body.messages as unknown[]) : [];
  return raw.map((message) => {
    const record = typeof message === "object" && message !== null ? (message as Record<string, unknown>) : {};
    return { role: String(record.role ?? "user"), content: contentToText(record.content) };
  });
}

interface CompletionContext {
  id: string;
  model: string;
  created: number;
  promptTokens: number;
}

export function completionBody(reply: string, context: CompletionContext): object {
  const completionTokens = approximateTokens(reply);
  return {
    id: context.id,
    object: "chat.completion",
    created: context.created,
    model: context.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content: reply, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: context.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: context.promptTokens + completionTokens,
    },
  };
}

/** SSE events for a streamed reply: role, content deltas, finish, optional usage, [DONE]. */
export function completionStreamEvents(
  reply: string,
  context: CompletionContext,
  chunkChars: number,
  includeUsage: boolean,
): string[] {
  const base = { id: context.id, object: "chat.completion.chunk", created: context.created, model: context.model };
  const chunk = (delta: object, finish: string | null) => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });
  const events: object[] = [chunk({ role: "assistant", content: "" }, null)];
  for (let start = 0; start < reply.length; start += chunkChars) {
    events.push(chunk({ content: reply.slice(start, start + chunkChars) }, null));
  }
  events.push(chunk({}, "stop"));
  if (includeUsage) {
    const completionTokens = approximateTokens(reply);
    events.push({
      ...base,
      choices: [],
      usage: {
        prompt_tokens: context.promptTokens,
        completion_tokens: completionTokens,
        total_tokens: context.promptTokens + completionTokens,
      },
    });
  }
  return [...events.map((event) => `data: ${JSON.stringify(event)}\n\n`), "data: [DONE]\n\n"];
}
