// Builds the XML of a FictionBook 2 document (description + one body of titled sections).
import { escapeXml, splitParagraphs } from "./xml-escape.js";

export interface Fb2Section {
  title: string;
  text: string;
  /** Nested sections, written after the text. */
  sections?: Fb2Section[];
}

export interface Fb2Metadata {
  title: string;
  author?: string;
  language?: string;
}

/** FB2 wants the author split into name parts: "Имя Отчество Фамилия" or "Имя Фамилия". */
function authorXml(author: string | undefined): string {
  const parts = (author ?? "").trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return "<author><nickname>unknown</nickname></author>";
  if (parts.length === 1) return `<author><nickname>${escapeXml(parts[0] ?? "")}</nickname></author>`;
  const [first, ...rest] = parts;
  const last = rest.pop() ?? "";
  const middle = rest.length > 0 ? `<middle-name>${escapeXml(rest.join(" "))}</middle-name>` : "";
  return `<author><first-name>${escapeXml(first ?? "")}</first-name>${middle}<last-name>${escapeXml(last)}</last-name></author>`;
}

function sectionXml(section: Fb2Section, indent = "  "): string {
  const paragraphs = splitParagraphs(section.text)
    .map((paragraph) => `${indent}  <p>${escapeXml(paragraph)}</p>`)
    .join("\n");
  const nested = (section.sections ?? []).map((child) => `\n${sectionXml(child, `${indent}  `)}`).join("");
  return `${indent}<section>\n${indent}  <title><p>${escapeXml(section.title)}</p></title>\n${paragraphs}${nested}\n${indent}</section>`;
}

/** `encodingLabel` goes into the XML declaration; the caller encodes the string to match. */
export function fb2Document(meta: Fb2Metadata, sections: Fb2Section[], encodingLabel: string): string {
  const language = meta.language ?? "ru";
  return `<?xml version="1.0" encoding="${encodingLabel}"?>
<FictionBook xmlns="http://www.gribuser.ru/xml/fictionbook/2.0" xmlns:l="http://www.w3.org/1999/xlink">
<description>
  <title-info>
    <genre>reference</genre>
    ${authorXml(meta.author)}
    <book-title>${escapeXml(meta.title)}</book-title>
    <lang>${escapeXml(language)}</lang>
  </title-info>
  <document-info>
    ${authorXml(meta.author)}
    <program-used>@ai-library/book-fixtures</program-used>
    <date value="2024-01-01">2024</date>
    <id>${escapeXml(meta.title)}</id>
    <version>1.0</version>
  </document-info>
</description>
<body>
  <title><p>${escapeXml(meta.title)}</p></title>
${sections.map((section) => sectionXml(section)).join("\n")}
</body>
</FictionBook>
`;
}
