// Where the embedded TrueType font comes from: the dejavu-fonts-ttf npm package, so PDFs
// with Cyrillic text build on any machine without system fonts or downloads.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export const BODY_FONT_PATH = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans.ttf");
export const TITLE_FONT_PATH = require.resolve("dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf");
