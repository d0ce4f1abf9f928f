// Spine documents that are a table of contents rather than text: Calibre's generated
// "Table of Contents" page, a contents page typed by hand, the nav document placed in the
// spine. Indexed, their link titles would match every question about any chapter.
import { countWordCharacters } from "../clean-text.js";
import { resolveTocHref } from "./table-of-contents.js";

const CONTENTS_TITLES = /^(table of contents|contents|оглавление|содержание)$/i;
const MIN_LINKS = 3;
/** Share of the page's letters inside links: above it, the page is a list of links. */
const LINK_LIST_SHARE = 0.6;
const TITLED_LINK_SHARE = 0.3;

export interface PageFacts {
  file: string;
  text: string;
  firstHeading?: string;
  links: string[];
  linkWordChars: number;
}

export function isTableOfContentsPage(page: PageFacts, spineFiles: ReadonlySet<string>): boolean {
  const targets = new Set(
    page.links
      .map((href) => resolveTocHref(page.file, href)?.file)
      .filter((file) => file !== undefined && file !== page.file && spineFiles.has(file)),
  );
  if (targets.size < MIN_LINKS) return false;
  const share = page.linkWordChars / Math.max(1, countWordCharacters(page.text));
  const titled = CONTENTS_TITLES.test(page.firstHeading?.trim() ?? "");
  return share >= LINK_LIST_SHARE || (titled && share >= TITLED_LINK_SHARE);
}
