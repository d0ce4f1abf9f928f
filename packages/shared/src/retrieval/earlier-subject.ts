// A follow-up that points back with a pronoun («Какой командой её собрать?», "Which command
// builds one?") is about the earlier question's subject: the pronoun stands for it. Of the
// earlier topic's words, the one the library holds least often (the highest IDF: «debuild»
// rather than «собрать пакет», "porter" rather than "upload") is taken for that subject and
// weighs as one of the question's own words; the rest of the topic keeps its lesser weight.
// Without it the question's own, common words ("command", "build") pull the search into
// whichever book uses them most.
import type { WeightedQuery } from "./expansion/weighted-query.js";

/** A context query whose rarest term is the earlier subject, weighed `subjectWeight`. */
export interface ContextQuery extends WeightedQuery {
  subjectWeight?: number;
}

/**
 * `queries` with each one that has a `subjectWeight` split in two: its rarest term at that
 * weight (never below the query's own), the others at the query's weight. `idf` gives each term's
 * inverse document frequency in the library searched; terms it does not know are never the subject.
 */
export function withEarlierSubject(
  queries: readonly ContextQuery[],
  idf: (terms: readonly string[]) => ReadonlyMap<string, number>,
): WeightedQuery[] {
  return queries.flatMap(({ terms, weight, subjectWeight }) => {
    if (subjectWeight === undefined || subjectWeight <= weight) return [{ terms, weight }];
    const known = [...idf(terms)].filter(([, value]) => value > 0);
    const subject = known.reduce<[string, number] | undefined>(
      (best, entry) => (best === undefined || entry[1] > best[1] ? entry : best),
      undefined,
    )?.[0];
    if (subject === undefined) return [{ terms, weight }];
    const rest = terms.filter((term) => term !== subject);
    return [{ terms: [subject], weight: subjectWeight }, ...(rest.length > 0 ? [{ terms: rest, weight }] : [])];
  });
}
