/** The two languages the library's text pipeline knows: stemming, stop words, sentence rules. */
export type Language = "ru" | "en";
