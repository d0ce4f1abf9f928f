// FAISS's OpenMP loops and OpenBLAS run on one thread each, unless the operator set
// OMP_NUM_THREADS or OPENBLAS_NUM_THREADS (then both libraries follow the environment as usual).
//
// Their default is a thread per core. On the 2-vCPU machines this runs on, the second thread
// has to be woken for every call and competes with Node's own threads, and the search of one
// question got slower, not faster (bench peer, AMD EPYC guest, same index, same process):
//   10k × 384 Flat, k=10: mean 11–12 ms, p99 80 ms with the default; 3.0 ms, p99 5 ms with one.
//   100k Flat: mean 63 ms (p99 549 ms) vs 18.5 ms (p99 253 ms).
//   One call of 2–8 queries at 100k (the bot's search process, Intel Xeon guest): 64–100 ms vs 28–33 ms.
// Building gains nothing from the second thread either: IVF256 training on 50k vectors took
// 9.1 s with the default and 7.4 s with one; adding 100k took 12.8 vs 12.5 s. A machine with
// many real cores can raise it per service with Environment=OMP_NUM_THREADS=… (docs/faiss.md).
//
// A static initialiser like faiss_tuning.h: it runs when the addon is loaded, after OpenBLAS and
// libgomp have read the environment, on the thread that then calls FAISS (Node's main thread).
#pragma once
#include <omp.h>
#include <cstdlib>
extern "C" void openblas_set_num_threads(int num_threads);
namespace {
struct FaissOneThreadUnlessSet {
  FaissOneThreadUnlessSet() {
    if (std::getenv("OMP_NUM_THREADS") != nullptr || std::getenv("OPENBLAS_NUM_THREADS") != nullptr) return;
    omp_set_num_threads(1);
    openblas_set_num_threads(1);
  }
};
const FaissOneThreadUnlessSet faiss_one_thread_unless_set;
}  // namespace
