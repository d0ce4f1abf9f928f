// Every search goes through BLAS, not only batches of 20 or more queries.
//
// For exact (Flat) distances FAISS 1.7.3 calls sgemm only when a search has at least
// `distance_compute_blas_threshold` (20) queries; below that it runs its own dot-product loop,
// which in Debian's portable build (SSE2, no AVX2) does about one multiply-add per cycle. The
// bot searches one question at a time, so it always took the slow loop. OpenBLAS picks its
// AVX2/AVX-512 kernels for the CPU at run time, so with the threshold at 1 a single query is
// one sgemm call: 10k × 384 IndexFlatIP 3.1 → 0.4 ms, 100k 30 → 12 ms (memory-bound there);
// results are the same neighbours (test/blas-single-query.test.ts). IVF list scans and HNSW do
// not use this path.
//
// Each BLAS search allocates a scratch block of query_bs × database_bs floats. FAISS's 4096 ×
// 1024 (16 MiB) is sized for large batches; after glibc frees a block that big it raises its
// mmap and trim thresholds and keeps ~11 MiB more resident in a bot that has just loaded an
// index (bench peer, 10k chunks: load RSS 24 → 35 MiB). 1024 queries per block (4 MiB) keeps
// the RSS as it was; 128 did too but made IVF training and adding 10–50 % slower.
//
// The cost: tiny indexes, where one sgemm call's overhead exceeds the loop, are a little slower:
// an IVF coarse quantizer over 256 centroids adds ~0.1 ms per search (0.43 → 0.53 ms at nprobe 1),
// while one over 1024 centroids is faster (1M vectors, IVF1024, nprobe 1: 0.67 → 0.43 ms).
//
// A static initialiser, because faiss-node's JS API cannot set FAISS globals; passed with
// -include like faiss_compat.h, so faiss.cc stays untouched.
#pragma once
#include <faiss/utils/distances.h>
namespace {
struct FaissSearchThroughBlas {
  FaissSearchThroughBlas() {
    faiss::distance_compute_blas_threshold = 1;
    faiss::distance_compute_blas_query_bs = 1024;
  }
};
const FaissSearchThroughBlas faiss_search_through_blas;
}  // namespace
