// One entry of a book's table of contents, as the NCX or the nav document nests it.
export interface TocNode {
  title: string;
  /** As written in the TOC document: relative to it, maybe with a #fragment. */
  href?: string;
  children: TocNode[];
}
