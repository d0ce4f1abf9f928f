// Makes LangChain's FaissStore run on our FAISS addon. FaissStore `import("faiss-node")`s
// through its own static `importFaiss`, and faiss-node's entry point looks for a
// `faiss-node.node` that pnpm never builds here (its install script needs internet). Rather
// than faking a faiss-node package on disk, we replace that one documented hook with our
// build (packages/faiss-native), so both systems run the very same native code.
import { loadFaiss } from "@ai-library/faiss-native";
import { FaissStore } from "@langchain/community/vectorstores/faiss";
import { Embeddings } from "@langchain/core/embeddings";

let patched = false;

/** Points FaissStore at our addon; returns the addon's path for the report. Idempotent. */
export function useOurFaissForLangChain(): string {
  const faiss = loadFaiss();
  if (!patched) {
    FaissStore.importFaiss = async () => ({ IndexFlatL2: faiss.IndexFlatL2 });
    patched = true;
  }
  return faiss.source;
}

/**
 * LangChain's Embeddings over vectors we computed once with our local embedder, so both
 * systems index identical vectors and neither pays for embedding inside the timed part.
 */
export class PrecomputedEmbeddings extends Embeddings {
  private readonly byText: Map<string, number[]>;

  constructor(texts: readonly string[], vectors: readonly number[][]) {
    super({});
    this.byText = new Map(texts.map((text, row) => [text, vectors[row] ?? []]));
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return texts.map((text) => this.vectorOf(text));
  }

  async embedQuery(text: string): Promise<number[]> {
    return this.vectorOf(text);
  }

  private vectorOf(text: string): number[] {
    const vector = this.byText.get(text);
    if (!vector) throw new Error(`PrecomputedEmbeddings: no vector for a text of ${text.length} chars`);
    return vector;
  }
}

export { FaissStore };
