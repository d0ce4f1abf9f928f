// Synthetic unit vectors drawn around random cluster centres, the way embeddings of a real
// library bunch by topic. Uniform noise would make every neighbour equally far and recall
// meaningless; clusters give approximate indexes something real to get right or wrong.
export interface ClusteredVectorSource {
  /** `count` vectors as one row-major block; successive calls continue the same stream. */
  next(count: number): Float32Array;
  readonly dims: number;
}

export function createClusteredVectors(options: { dims: number; clusters: number; spread: number; seed: number }) {
  let state = options.seed >>> 0;
  const uniform = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 2 ** 32;
  };
  // Box–Muller: normal noise, so clusters are round rather than boxy.
  const normal = (): number => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const { dims, clusters, spread } = options;
  const centres = new Float32Array(clusters * dims);
  for (let c = 0; c < clusters; c++) normaliseRow(fillRow(centres, c, dims, normal), c, dims);

  const source: ClusteredVectorSource = {
    dims,
    next(count) {
      const block = new Float32Array(count * dims);
      for (let row = 0; row < count; row++) {
        const centre = Math.floor(uniform() * clusters) * dims;
        for (let i = 0; i < dims; i++) block[row * dims + i] = (centres[centre + i] ?? 0) + spread * normal();
        normaliseRow(block, row, dims);
      }
      return block;
    },
  };
  return source;
}

function fillRow(block: Float32Array, row: number, dims: number, value: () => number): Float32Array {
  for (let i = 0; i < dims; i++) block[row * dims + i] = value() / Math.sqrt(dims);
  return block;
}

function normaliseRow(block: Float32Array, row: number, dims: number): void {
  let norm = 0;
  for (let i = 0; i < dims; i++) norm += (block[row * dims + i] ?? 0) ** 2;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < dims; i++) block[row * dims + i] = (block[row * dims + i] ?? 0) * scale;
}

/** Row views over a block, as the generation builder takes them (no copies). */
export function rowsOf(block: Float32Array, dims: number): Float32Array[] {
  return Array.from({ length: block.length / dims }, (_, row) => block.subarray(row * dims, (row + 1) * dims));
}
