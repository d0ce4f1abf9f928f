/**
 * IVF lists a search visits unless INDEX_NPROBE says otherwise: the schema's default, and the
 * builders' when called without a config (benches, tests). Why 16: docs/performance.md.
 */
export const DEFAULT_NPROBE = 16;
