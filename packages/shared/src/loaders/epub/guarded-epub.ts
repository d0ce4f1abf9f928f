// epub2's parser, fed from our size-guarded zip instead of opening the file itself, and a
// little more forgiving than the original: a missing `mimetype` entry or an unreadable NCX
// table of contents does not cost us the book's text.
import { EPub } from "epub2";
import type { IZipFile } from "epub2/zipfile.js";
import type { GuardedZip } from "../zip/open-guarded-zip.js";

/** The zip interface epub2 expects, answered synchronously so parse errors surface in parse(). */
function adaptZip(zip: GuardedZip): IZipFile {
  return {
    names: zip.names,
    count: zip.names.length,
    readFile(name, callback) {
      let data: Buffer;
      try {
        data = zip.read(name);
      } catch (error) {
        callback(error, Buffer.alloc(0));
        return;
      }
      callback(null, data);
    },
    // epub2's IZipFile type lists its zip class's constructor as a member; nothing calls it.
    constructor(_filename: string) {},
  };
}

export class GuardedEpub extends EPub {
  /** Set once the package document is parsed and only the (optional) NCX is left. */
  tocStarted = false;

  constructor(
    path: string,
    private readonly guardedZip: GuardedZip,
  ) {
    super(path);
  }

  override open(): void {
    this.zip = adaptZip(this.guardedZip);
    this.checkMimeType();
  }

  override checkMimeType(): void {
    // OCF requires the entry, but plenty of real books omit it and are otherwise fine.
    if (!this.zip.names.some((name) => name.toLowerCase() === "mimetype")) {
      this.getRootFiles();
      return;
    }
    super.checkMimeType();
  }

  override parseTOC(): void {
    this.tocStarted = true;
    super.parseTOC();
  }
}

/** Runs epub2's event-based parser to the end; NCX failures are tolerated (the TOC is optional). */
export function parseEpub(path: string, zip: GuardedZip): Promise<GuardedEpub> {
  return new Promise((resolve, reject) => {
    const epub = new GuardedEpub(path, zip);
    epub.on("end", () => resolve(epub));
    epub.on("error", (error: unknown) => (epub.tocStarted ? resolve(epub) : reject(error)));
    try {
      epub.parse();
    } catch (error) {
      if (epub.tocStarted) resolve(epub);
      else reject(error);
    }
  });
}
