// Every search goes through BLAS, not only batches of 20 or more queries.
//
// For exact (Flat) distances FAISS 1.7.3 calls sgemm only when a search has at least
// `distance_compute_blas_threshold` (20) queries; below that it runs its own dot-product loop,
// which in Debian's portable build (SSE2, no AVX2) does about one multiply-add per cycle. The
// bot searches one question at a time, so it always took the slow loop. OpenBLAS picks its
// AVX2/AVX-512 kernels for the CPU at run time, so with the threshold at 1 a single query is
// one sgemm call: 10k × 384 IndexFlatIP 3.1 → 0.4 ms, 100k 30 → 12 ms (memory-bound there);
// results are the same neighbours (test/blas-single-query.test.ts). IVF benefits in its coarse
// quantizer; IVF list scans and HNSW do not use this path.
//
// Each BLAS search allocates a scratch block of query_bs × database_bs floats. FAISS's 4096 ×
// 1024 (16 MiB) is sized for large batches; after glibc frees a block that big it raises its
// mmap and trim thresholds, keeps ~11 MiB more resident in a bot that had just loaded an index
// (bench peer, 10k chunks: load RSS 24 → 35 MiB). 128 queries per block (512 KiB) keeps sgemm
// efficient for the batches FAISS itself runs (IVF k-means assignment) and the RSS unchanged.
//
// A static initialiser, because faiss-node's JS API cannot set FAISS globals; passed with
// -include like faiss_compat.h, so faiss.cc stays untouched.
#pragma once
#include <faiss/utils/distances.h>
namespace {
struct FaissSearchThroughBlas {
  FaissSearchThroughBlas() {
    faiss::distance_compute_blas_threshold = 1;
    faiss::distance_compute_blas_query_bs = 128;
  }
};
const FaissSearchThroughBlas faiss_search_through_blas;
}  // namespace
