// A follow-up question's context: the earlier turn's words, searched beside the question at a
// lesser weight so "Как его настроить?" after «Что такое pbuilder?» still finds pbuilder. The
// caller (the bot's conversation memory) decides when a question needs it; this only says how a
// context becomes part of a search, the same in every process that searches.
import { keywordTerms } from "../index/keyword/keyword-terms.js";
import type { ContextQuery } from "./earlier-subject.js";
import type { SearchQuery } from "./search-generation.js";

export interface SearchContext {
  /** The earlier turn's key words, as the user wrote them (made keyword terms here). */
  text: string;
  /** Their weight against one of the question's own terms (which weigh 1). */
  weight: number;
  /**
   * When the question points back with a pronoun: the weight of the earlier subject, the
   * context term the library holds least often (earlier-subject.ts).
   */
  subjectWeight?: number;
  /**
   * Words of the earlier answer's sources (their section titles), at their own, smaller weight:
   * they make those passages candidates, and the question's evidence decides whether they win.
   */
  related?: string;
  relatedWeight?: number;
  /**
   * The sections the earlier answer cited (book file and `section ?? chapter`): their chunks
   * among the candidates gain `sourcesWeight` × the leading candidate's score (earlier-sources.ts).
   */
  sources?: { file: string; title: string }[];
  sourcesWeight?: number;
}

/** Per search, beside the question: what LiveLibrary.search and the search process accept. */
export interface SearchOptions {
  context?: SearchContext;
}

/**
 * The text whose embedding is the query vector: with a context, the context's words follow the
 * question, so the vector points at the topic too (a bare "How do I set it up?" points nowhere).
 */
export function textToEmbed(question: string, options: SearchOptions = {}): string {
  return options.context ? `${question} ${options.context.text}` : question;
}

/** The search query of a question, its vector made from textToEmbed. */
export function searchQueryOf(question: string, vector: Float32Array, options: SearchOptions = {}): SearchQuery {
  const context = options.context;
  if (!context || context.weight <= 0) return { text: question, vector };
  const earlierSources =
    context.sources && context.sources.length > 0 && context.sourcesWeight && context.sourcesWeight > 0
      ? { earlierSources: { sections: context.sources, weight: context.sourcesWeight } }
      : {};
  const taken = new Set(keywordTerms(question));
  const fresh = (text: string) =>
    keywordTerms(text).filter((term) => {
      if (taken.has(term)) return false;
      taken.add(term);
      return true;
    });
  const extra: ContextQuery[] = [];
  const terms = fresh(context.text);
  const subject = context.subjectWeight !== undefined ? { subjectWeight: context.subjectWeight } : {};
  if (terms.length > 0) extra.push({ terms, weight: context.weight, ...subject });
  const related = context.related && context.relatedWeight ? fresh(context.related) : [];
  if (related.length > 0 && context.relatedWeight) extra.push({ terms: related, weight: context.relatedWeight });
  return extra.length > 0
    ? { text: question, vector, extra, ...earlierSources }
    : { text: question, vector, ...earlierSources };
}
