// Detects DRM: META-INF/encryption.xml listing encrypted content. Font obfuscation (IDPF,
// Adobe) also lives there but leaves the text readable, so it does not count.
import { Parser } from "htmlparser2";
import { BookLoadError } from "../types.js";
import type { GuardedZip } from "../zip/open-guarded-zip.js";

const FONT_OBFUSCATION = new Set(["http://www.idpf.org/2008/embedding", "http://ns.adobe.com/pdf/enc#RC"]);

function encryptionAlgorithms(xml: string): string[] {
  const algorithms: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name.endsWith("encryptionmethod") && attributes.algorithm) algorithms.push(attributes.algorithm);
      },
    },
    { xmlMode: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(xml);
  return algorithms;
}

export function rejectDrmProtectedEpub(zip: GuardedZip, path: string): void {
  const name = zip.names.find((entry) => entry.toLowerCase() === "meta-inf/encryption.xml");
  if (!name) return;
  let xml: string;
  try {
    xml = zip.read(name).toString("utf8");
  } catch {
    return; // an unreadable encryption.xml is judged by whether the chapters read
  }
  const drm = encryptionAlgorithms(xml).find((algorithm) => !FONT_OBFUSCATION.has(algorithm));
  if (drm) throw new BookLoadError("encrypted", path, `содержимое зашифровано (DRM, ${drm})`);
}
