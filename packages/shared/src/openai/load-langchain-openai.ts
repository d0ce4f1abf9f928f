// @langchain/openai (with @langchain/core and the openai SDK) takes seconds to import
// through tsx's loader and is only needed when OpenAI is configured, so it is loaded on
// first use; offline processes (the default) never pay for it.
type LangchainOpenAi = typeof import("@langchain/openai");

let loading: Promise<LangchainOpenAi> | undefined;

export function loadLangchainOpenAi(): Promise<LangchainOpenAi> {
  loading ??= import("@langchain/openai");
  return loading;
}
